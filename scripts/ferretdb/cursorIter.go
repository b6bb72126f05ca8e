// Added to FerretDB's cursor package by longhaul's build (scripts/build-ferretdb.mjs).
//
// Cursor.Reset re-reads a tailable cursor's whole result and skips it up to the last record returned (and fails
// when that record is gone, or when none was returned yet). longhaul's awaitData (longhaul_await_data.go) instead
// queries only the records after the last one returned and installs that iterator as it is.

package cursor

import "github.com/FerretDB/FerretDB/internal/types"

// LonghaulLastRecordID returns the record ID of the last document the cursor returned (0 before the first).
func (c *Cursor) LonghaulLastRecordID() int64 {
	c.m.Lock()
	defer c.m.Unlock()

	return c.lastRecordID
}

// LonghaulSetIter replaces a tailable cursor's iterator without advancing it.
func (c *Cursor) LonghaulSetIter(iter types.DocumentsIterator) {
	if c.Type != Tailable && c.Type != TailableAwait {
		panic("LonghaulSetIter called on non-tailable cursor")
	}

	c.m.Lock()
	defer c.m.Unlock()

	c.iter = iter
}
