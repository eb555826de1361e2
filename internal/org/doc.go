// Package org owns the unit tree (单位): the zone and its departments,
// streets and parks, each with a code, kind, assessment class, order and
// active flag. Moving, renaming and deactivating keep every earlier state in
// unit_history; units are never deleted, so figures and scores that name
// them keep their meaning.
//
// It imports internal/db, internal/audit and internal/i18n.
package org
