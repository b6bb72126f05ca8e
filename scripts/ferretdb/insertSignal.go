// Added to FerretDB's backends package by longhaul's build (scripts/build-ferretdb.mjs).
//
// An in-process wake-up per collection: a tailable awaitData getMore (longhaul_await_data.go) waits on
// LonghaulInsertSignal instead of re-querying every 10 ms, and the SQLite backend's InsertAll calls
// LonghaulNotifyInsert once its transaction committed. A signal is a channel closed at the next insert into
// that collection; it is made only when someone waits, so inserts nobody waits for cost one map lookup.

package backends

import "sync"

var longhaulInsertSignals = struct {
	m        sync.Mutex
	channels map[string]chan struct{}
}{channels: map[string]chan struct{}{}}

// LonghaulInsertSignal returns a channel closed at the next committed insert into the collection.
// Take it before querying, so that an insert committed in between is not missed.
func LonghaulInsertSignal(dbName, collectionName string) <-chan struct{} {
	key := dbName + "." + collectionName

	longhaulInsertSignals.m.Lock()
	defer longhaulInsertSignals.m.Unlock()

	ch, ok := longhaulInsertSignals.channels[key]
	if !ok {
		ch = make(chan struct{})
		longhaulInsertSignals.channels[key] = ch
	}

	return ch
}

// LonghaulNotifyInsert wakes everyone waiting on the collection's signal (after the insert committed).
func LonghaulNotifyInsert(dbName, collectionName string) {
	key := dbName + "." + collectionName

	longhaulInsertSignals.m.Lock()
	defer longhaulInsertSignals.m.Unlock()

	if ch, ok := longhaulInsertSignals.channels[key]; ok {
		close(ch)
		delete(longhaulInsertSignals.channels, key)
	}
}
