// Package audit keeps the tamper-evident trail of every write: who, when,
// from where, what, and the record before and after. Entries are appended
// inside the writing transaction and chained by SHA-256, so that Verify
// finds any entry edited, inserted or deleted behind the application's back.
//
// It imports only internal/db.
package audit
