// Package peers keeps the assessment's three levels of comparison: benchmark
// groups at city (市级), province (省级) and national (国家级) level, each
// holding its members — the zone itself and its peers — the zone-level
// indicators compared, and one value per member and indicator with the
// period it covers and its source. Values are entered in the pages or
// imported from a file, all or nothing, and kept as exact decimals.
//
// Rank is the pure part: where the zone stands among the members with a
// value, in the indicator's direction, ties sharing the better place, and
// how far it is behind the member just above and the best.
//
// It imports db, audit, i18n, xlsx and quantity of ours; it knows nothing
// of plans, figures or pages. docs/PEERS.md describes the model and the
// file layout.
package peers
