// Package auditcheck proves the data against its audit trail: the chain
// of entries is whole under the installation's key (and an anchor, when
// one is given), and every audited kind of record — figures, targets,
// sharing, units, users' roles, assessment records, ratings, schemes and
// published results — is in the live tables what the trail says it is.
// Each run is kept, so that the audit page shows the last one and the
// office sees a failed check on every page until it is resolved.
//
// The kinds are defined beside their stores (report, plan, org, auth,
// assess); this package only gathers them, so that audit stays below
// every domain package.
package auditcheck
