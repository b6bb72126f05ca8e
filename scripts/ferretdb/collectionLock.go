// Added to FerretDB's handler package by longhaul's build (scripts/build-ferretdb.mjs).
//
// FerretDB 1.x runs findAndModify, update and delete as "query, then replace the whole
// document" without a transaction, so two concurrent writers of one document can lose an
// update. MongoDB applies each of these atomically to a document, and longhaul relies on
// that (fencing of runs, Agenda's job locks, event positions). These locks restore it
// inside the one FerretDB process:
//   - a command whose filter pins one `_id` takes that id's stripe (and the collection's
//     read lock): writes of different documents still run side by side;
//   - any other read-modify-write command takes the collection's write lock.

package handler

import (
	"hash/fnv"
	"sync"

	"github.com/FerretDB/FerretDB/internal/handler/common"
	"github.com/FerretDB/FerretDB/internal/types"
)

const longhaulStripes = 256

type longhaulCollectionLock struct {
	all     sync.RWMutex
	stripes [longhaulStripes]sync.Mutex
}

var longhaulLocks sync.Map

func longhaulLockOf(db, collection string) *longhaulCollectionLock {
	l, _ := longhaulLocks.LoadOrStore(db+"."+collection, new(longhaulCollectionLock))
	return l.(*longhaulCollectionLock)
}

// longhaulStripe returns the stripe of a filter that pins one `_id` (a string or an ObjectID).
func longhaulStripe(filter *types.Document) (int, bool) {
	if filter == nil {
		return 0, false
	}

	v, err := filter.Get("_id")
	if err != nil {
		return 0, false
	}

	h := fnv.New32a()

	switch id := v.(type) {
	case string:
		h.Write([]byte(id))
	case types.ObjectID:
		h.Write(id[:])
	default:
		return 0, false
	}

	return int(h.Sum32() % longhaulStripes), true
}

// longhaulLockFilter locks what a command with this filter may modify; it returns the unlock function.
func longhaulLockFilter(db, collection string, filter *types.Document) func() {
	l := longhaulLockOf(db, collection)

	if stripe, ok := longhaulStripe(filter); ok {
		l.all.RLock()
		l.stripes[stripe].Lock()

		return func() {
			l.stripes[stripe].Unlock()
			l.all.RUnlock()
		}
	}

	l.all.Lock()

	return l.all.Unlock
}

// longhaulLockUpdates locks for an update command: by `_id` for a single statement that pins one.
func longhaulLockUpdates(db, collection string, updates []common.Update) func() {
	if len(updates) == 1 {
		return longhaulLockFilter(db, collection, updates[0].Filter)
	}

	return longhaulLockFilter(db, collection, nil)
}

// longhaulLockCollection locks every read-modify-write command of a collection.
func longhaulLockCollection(db, collection string) func() {
	return longhaulLockFilter(db, collection, nil)
}
