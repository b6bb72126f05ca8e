// Added to FerretDB's SQLite backend by longhaul's build (scripts/build-ferretdb.mjs).
//
// A tailable awaitData getMore (longhaul_await_data.go) asks for the records of a capped collection after the
// last one its cursor returned (backends.QueryParams.LonghaulAfterRecordID). The record ID column is the table's
// INTEGER PRIMARY KEY (its rowid), so `record_id > ?` is a range of the table's own B-tree: the query reads only
// the new rows, not the whole collection.

package sqlite

import (
	"fmt"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
)

// longhaulAfterRecordID adds `record_id > after` to a WHERE clause (with a leading space, or "") of a query on a
// capped collection; after <= 0 or a collection that is not capped leaves it as it is.
func longhaulAfterRecordID(whereClause string, args []any, capped bool, after int64) (string, []any) {
	if !capped || after <= 0 {
		return whereClause, args
	}

	if whereClause == "" {
		return fmt.Sprintf(` WHERE %s > ?`, metadata.RecordIDColumn), append(args, after)
	}

	return whereClause + fmt.Sprintf(` AND %s > ?`, metadata.RecordIDColumn), append(args, after)
}
