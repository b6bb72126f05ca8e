// Added to FerretDB's handler package by longhaul's build (scripts/build-ferretdb.mjs).
//
// FerretDB 1.x runs findAndModify, update and delete as "query, then replace the
// whole document" without a transaction, so two concurrent writers of one document
// can lose an update. MongoDB applies each of these atomically to a document, and
// longhaul relies on that (fencing of runs, Agenda's job locks, event positions).
// Serialising these commands per collection inside the one FerretDB process restores
// the per-document atomicity; inserts stay concurrent (unique indexes guard them).

package handler

import "sync"

var longhaulCollectionLocks sync.Map

// longhaulLockCollection locks the read-modify-write commands of one collection and
// returns the function that unlocks it.
func longhaulLockCollection(db, collection string) func() {
	m, _ := longhaulCollectionLocks.LoadOrStore(db+"."+collection, &sync.Mutex{})
	mu := m.(*sync.Mutex)
	mu.Lock()

	return mu.Unlock
}
