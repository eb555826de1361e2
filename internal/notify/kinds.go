package notify

import (
	"slices"
	"strings"
)

// Kind is the kind of event a notification tells of. Its value is what
// the database keeps and what a generic webhook receives.
type Kind string

const (
	PeriodOpened     Kind = "period.opened"     // a reporting period opened: the month's figures are due
	DeadlineNear     Kind = "deadline.near"     // a reporting deadline is close and the figures are not in
	GridReturned     Kind = "grid.returned"     // figures a unit submitted were returned for correction
	TaskRed          Kind = "task.red"          // a target or project turned red
	RequestAssigned  Kind = "request.assigned"  // a request (a claim, a review, a lead) was given to the user
	ResultsPublished Kind = "results.published" // assessment results were published
	AuditAnchor      Kind = "audit.anchor"      // the audit trail's head, for a chat group to keep outside the database
)

// Kinds lists every kind in the order the preferences form offers them.
var Kinds = []Kind{PeriodOpened, DeadlineNear, GridReturned, TaskRed, RequestAssigned, ResultsPublished, AuditAnchor}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Label is the message key of the kind's name.
func (k Kind) Label() string { return "notify.kind." + string(k) }

// joinKinds writes kinds as the database keeps them, in the order of Kinds.
func joinKinds(ks []Kind) string {
	var parts []string
	for _, k := range Kinds {
		if slices.Contains(ks, k) {
			parts = append(parts, string(k))
		}
	}
	return strings.Join(parts, ",")
}

// splitKinds reads what joinKinds wrote; a kind this version does not know
// (written by a newer one) is dropped.
func splitKinds(s string) []Kind {
	var ks []Kind
	for _, p := range strings.Split(s, ",") {
		if k := Kind(p); k.Valid() {
			ks = append(ks, k)
		}
	}
	return ks
}

// Channel is how an outbox row leaves gaoxin.
type Channel string

const (
	Email       Channel = "email"
	WebhookCall Channel = "webhook"
)

// State is where an outbox row stands.
type State string

const (
	Pending   State = "pending"   // waiting for its first or next attempt
	Delivered State = "delivered" // the server or receiver accepted it
	Failed    State = "failed"    // given up: refused for good, or out of attempts
)

// States lists the states in the order the admin page shows them.
var States = []State{Pending, Delivered, Failed}

// Label is the message key of the state's name.
func (s State) Label() string { return "notify.state." + string(s) }

// Label is the message key of the channel's name.
func (c Channel) Label() string { return "notify.channel." + string(c) }
