package i18n

// Messages of the audit trail's verification and anchors, merged into en.
var enAuditCheck = map[string]string{
	"audit.alarm":               "The audit check failed (%s): %d records disagree with the audit trail and may have been changed behind the system's back.",
	"audit.alarm_link":          "See and resolve",
	"audit.check.title":         "Verification of the trail",
	"audit.check.hint":          "Verification checks each entry's keyed hash, and holds figures, targets, sharing, units, users' roles, assessment records, ratings, schemes and published results one by one against what the trail says they are.",
	"audit.check.never":         "Not verified yet.",
	"audit.check.sound":         "Verified %s by %s: the trail is whole (%d entries) and all %d records agree with it.",
	"audit.check.failed":        "Verified %s by %s: %d problems found (%d entries, %d records checked).",
	"audit.check.resolved":      "Resolved.",
	"audit.check.run":           "Verify now",
	"audit.check.resolve":       "Mark as resolved",
	"audit.check.reason":        "How it was resolved",
	"audit.err.reason":          "Say how it was resolved (data restored, or checked and accepted).",
	"audit.anchor.title":        "Anchor of the trail",
	"audit.anchor.hint":         "Copy the anchor on paper or send it to a chat group; later, gaoxin audit verify --anchor ANCHOR proves the trail before it was not rewritten, even by someone holding the key.",
	"audit.anchor.send":         "Send to the chat groups",
	"audit.anchor.published":    "Audit anchor: %s",
	"done.audit_verified":       "Verification done; the result is below.",
	"done.audit_resolved":       "Marked as resolved.",
	"done.audit_anchor_sent":    "The anchor was sent.",
	"notify.kind.audit.anchor":  "Audit anchor",
	"notify.audit_anchor.title": "Audit anchor",
	"notify.audit_anchor.body":  "The audit trail's anchor is now %s. Keep it to prove later that the trail was not rewritten.",
	"action.audit.key_init":     "Trail keyed",
	"action.audit.key_ready":    "Audit key created",
	"action.audit.key_rotate":   "Audit key rotated",
	"action.audit.baseline":     "Audit baseline",
	"action.audit.resolve":      "Verification problem resolved",
}

func init() {
	for k, v := range enAuditCheck {
		en[k] = v
	}
}
