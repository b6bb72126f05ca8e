// Added to FerretDB's SQLite backend by longhaul's build (scripts/build-ferretdb.mjs).
//
// FerretDB 1.24 pushes a filter down to SQLite only when it is exactly `{_id: <string or ObjectId>}`.
// longhaul's build calls this instead, from collection.Query and collection.Explain, so that:
//   - `{_id: v, ...}` (an `_id` equality next to other conditions, e.g. a fenced write `{_id, runId, state}`)
//     and `{_id: {$in: [v, ...]}, ...}` (batch reads by id) are looked up through the `_id_` index too;
//   - the expression is metadata.IDColumn, which the build writes as the `_id_` index was created
//     (`_ferretdb_sjson->'_id'`, not `->'$._id'`), so that SQLite uses that index at all.
// The SQL result is a superset of the documents the filter matches (an `_id` matching the equality or the
// `$in` list), and the handler filters every returned document again with the whole filter, so results are
// unchanged. Anything else (other `_id` operators, values other than strings and ObjectIds) is not pushed
// down, as before.

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// longhaulMaxInIDs bounds the `$in` lists pushed down (SQLite's host parameter limit is 32766).
const longhaulMaxInIDs = 10000

// longhaulIDWhere returns the WHERE clause (with a leading space) and its arguments that select the documents
// whose `_id` the filter pins, or "" and nil when it pins none.
func longhaulIDWhere(filter *types.Document) (string, []any) {
	if filter.Len() == 0 || !filter.Has("_id") {
		return "", nil
	}

	v := must.NotFail(filter.Get("_id"))

	if longhaulIndexableID(v) {
		return fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn), []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}
	}

	op, ok := v.(*types.Document)
	if !ok || op.Len() != 1 || !op.Has("$in") {
		return "", nil
	}

	list, ok := must.NotFail(op.Get("$in")).(*types.Array)
	if !ok || list.Len() == 0 || list.Len() > longhaulMaxInIDs {
		return "", nil
	}

	placeholders := make([]string, list.Len())
	args := make([]any, list.Len())

	for i := 0; i < list.Len(); i++ {
		id := must.NotFail(list.Get(i))
		if !longhaulIndexableID(id) {
			return "", nil
		}

		placeholders[i] = "?"
		args[i] = string(must.NotFail(sjson.MarshalSingleValue(id)))
	}

	return fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, strings.Join(placeholders, ", ")), args
}

// longhaulIndexableID tells whether an `_id` value compares in SQLite as in MongoDB (by its JSON text).
func longhaulIndexableID(v any) bool {
	switch v.(type) {
	case string, types.ObjectID:
		return true
	default:
		return false
	}
}
