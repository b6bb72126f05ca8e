// Added to FerretDB's handler by longhaul's build (scripts/build-ferretdb.mjs).
//
// FerretDB 1.24 answers a tailable awaitData getMore that finds nothing new by re-running the cursor's whole
// query every 10 ms until maxTimeMS: on a capped collection of thousands of events, one waiting reader costs
// a large share of a core. longhaulAwaitData, called instead of awaitData, does per wake-up:
//   - one query of the records after the last one the cursor returned (QueryParams.LonghaulAfterRecordID,
//     pushed down to SQLite as a rowid range; other backends ignore it and the iterator below skips the
//     older records, so the result is the same);
//   - and, when that finds nothing, waits for the next committed insert into the collection
//     (backends.LonghaulInsertSignal) or maxTimeMS, whichever comes first.
// So an idle reader costs one cheap query per getMore, and a new event is returned as soon as it is committed.

package handler

import (
	"context"
	"errors"
	"time"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/iterator"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// longhaulAwaitData waits for new documents of a tailable awaitData cursor; see the file comment.
func (h *Handler) longhaulAwaitData(ctx context.Context, params *awaitDataParams) (*types.Array, error) {
	c := params.cursor
	data := c.Data.(*findCursorData)

	ctx, cancel := context.WithTimeout(ctx, time.Duration(params.maxTimeMS)*time.Millisecond)
	defer cancel()

	closer := iterator.NewMultiCloser()
	defer closer.Close()

	for {
		signal := backends.LonghaulInsertSignal(c.DB, c.Collection)
		after := c.LonghaulLastRecordID()

		qp := *data.qp
		qp.LonghaulAfterRecordID = after

		queryRes, err := data.coll.Query(ctx, &qp)
		if err != nil {
			return longhaulAwaitResult(nil, err)
		}

		iter, err := h.makeFindIter(&longhaulAfterRecordIter{iter: queryRes.Iter, after: after}, closer, data.findParams)
		if err != nil {
			return longhaulAwaitResult(nil, err)
		}

		c.LonghaulSetIter(iter)

		batch, err := h.makeNextBatch(c, params.batchSize)
		if err != nil || batch.Len() != 0 {
			return longhaulAwaitResult(batch, err)
		}

		select {
		case <-signal:
		case <-ctx.Done():
			return longhaulAwaitResult(nil, ctx.Err())
		}
	}
}

// longhaulAwaitResult turns the end of the wait (maxTimeMS) into an empty batch, as awaitData does.
func longhaulAwaitResult(batch *types.Array, err error) (*types.Array, error) {
	if err == nil {
		return batch, nil
	}

	if errors.Is(err, context.DeadlineExceeded) {
		return types.MakeArray(0), nil
	}

	return nil, lazyerrors.Error(err)
}

// longhaulAfterRecordIter skips the documents whose record ID is not after `after` (0: skips none).
type longhaulAfterRecordIter struct {
	iter  types.DocumentsIterator
	after int64
}

// Next implements types.DocumentsIterator.
func (i *longhaulAfterRecordIter) Next() (struct{}, *types.Document, error) {
	for {
		zero, doc, err := i.iter.Next()
		if err != nil || doc == nil || i.after <= 0 || doc.RecordID() > i.after {
			return zero, doc, err
		}
	}
}

// Close implements types.DocumentsIterator.
func (i *longhaulAfterRecordIter) Close() {
	i.iter.Close()
}
