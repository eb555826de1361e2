package audit

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"gaoxin/internal/db"
)

// The helpers below are what every Kind's Live and Names do with SQL:
// stream a table's rows as ids and encoded records, and name a few
// records by their numeric ids.

// Scanner reads one row; *sql.Rows is one.
type Scanner interface{ Scan(dest ...any) error }

// EachRow runs query and hands each row to each, as scan reads it: its id
// and its record encoded as the kind compares it.
func EachRow(ctx context.Context, q db.Querier, query string, scan func(Scanner) (int64, []byte, error),
	each func(id string, state []byte) error) error {
	rows, err := q.Query(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		id, state, err := scan(rows)
		if err != nil {
			return err
		}
		if err := each(strconv.FormatInt(id, 10), state); err != nil {
			return err
		}
	}
	return rows.Err()
}

// NamesByID runs a query whose %s takes a list of numeric ids; name reads
// one row as an id and its name. Ids that are not numbers name nothing,
// and only numbers reach the query's text.
func NamesByID(ctx context.Context, q db.Querier, ids []string, query string,
	name func(Scanner) (int64, string, error)) (map[string]string, error) {
	var list []string
	for _, id := range ids {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil {
			list = append(list, strconv.FormatInt(n, 10))
		}
	}
	out := map[string]string{}
	if len(list) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, fmt.Sprintf(query, strings.Join(list, ",")))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		id, s, err := name(rows)
		if err != nil {
			return nil, err
		}
		out[strconv.FormatInt(id, 10)] = s
	}
	return out, rows.Err()
}

// ScanName reads a row of (id, name), for NamesByID.
func ScanName(row Scanner) (int64, string, error) {
	var id int64
	var name string
	err := row.Scan(&id, &name)
	return id, name, err
}
