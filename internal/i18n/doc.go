// Package i18n holds the message catalogue — every string a user reads, in
// Chinese (the default) and English — and the small types through which the
// domain packages report problems as message keys rather than sentences.
// It also formats numbers and dates the way Chinese offices write them.
//
// It imports nothing of gaoxin's own, so every package may import it.
package i18n
