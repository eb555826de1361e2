package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gaoxin/internal/db"
)

// Actor is who makes a change and from where. System is used by commands
// run on the server itself.
type Actor struct {
	UserID  int64 // 0 for the system
	Name    string
	Address string
}

// System is the actor for changes made by gaoxin's own commands.
var System = Actor{Name: "system", Address: "local"}

// Entry is one line of the trail.
type Entry struct {
	Seq      int64
	At       time.Time
	ActorID  int64
	Actor    string
	Address  string
	Action   string // e.g. unit.create, user.password_reset
	Entity   string // e.g. unit, user
	EntityID string
	Before   string // JSON, "null" when there was nothing
	After    string // JSON, "null" when nothing remains
	PrevHash string
	Hash     string
	KeyID    string // the key the hash is under; "" for the older, unkeyed entries
}

// ActionKeyInit is the entry that starts the keyed part of a trail. It
// pins the unkeyed entries before it (their count and last hash) so that
// they cannot be rewritten either.
const ActionKeyInit = "audit.key_init"

// Record appends an entry inside tx. before and after are any values that
// encode as JSON; nil stands for "nothing". Secrets must not be passed in.
func Record(ctx context.Context, tx *db.Tx, who Actor, action, entity string, entityID any, before, after any) error {
	b, err := json.Marshal(before)
	if err != nil {
		return fmt.Errorf("audit: encode before: %w", err)
	}
	a, err := json.Marshal(after)
	if err != nil {
		return fmt.Errorf("audit: encode after: %w", err)
	}
	var head Entry
	if err := tx.QueryRow(ctx, "SELECT last_seq, last_hash, key_id FROM audit_head WHERE id = 1"+tx.Dialect().ForUpdate()).
		Scan(&head.Seq, &head.Hash, &head.KeyID); err != nil {
		return fmt.Errorf("audit: read head: %w", err)
	}
	ring := Keys()
	if ring == nil && head.KeyID != "" {
		return fmt.Errorf("audit: %w", ErrNoKey)
	}
	if ring != nil && head.KeyID == "" {
		// The first entry under a key pins the unkeyed ones before it.
		pin, _ := json.Marshal(map[string]any{"key_id": ring.Current().ID, "unkeyed_entries": head.Seq, "unkeyed_head": head.Hash})
		if head, err = appendEntry(ctx, tx, ring, head, Entry{Actor: System.Name, Address: System.Address,
			Action: ActionKeyInit, Entity: "audit", EntityID: "key", Before: "null", After: string(pin)}); err != nil {
			return err
		}
	}
	_, err = appendEntry(ctx, tx, ring, head, Entry{ActorID: who.UserID, Actor: who.Name, Address: who.Address,
		Action: action, Entity: entity, EntityID: fmt.Sprint(entityID), Before: string(b), After: string(a)})
	return err
}

// appendEntry writes e after head, hashed under the keyring's current key
// (or unkeyed without one), and moves the head to it.
func appendEntry(ctx context.Context, tx *db.Tx, ring *Keyring, head, e Entry) (Entry, error) {
	e.Seq, e.At, e.PrevHash = head.Seq+1, db.Now(), head.Hash
	if ring != nil {
		e.KeyID = ring.Current().ID
	}
	hash, err := e.computeHash(ring)
	if err != nil {
		return head, fmt.Errorf("audit: %w", err)
	}
	e.Hash = hash
	var actorID *int64
	if e.ActorID != 0 {
		actorID = &e.ActorID
	}
	if _, err := tx.Exec(ctx, `INSERT INTO audit_log
		(seq, at, actor_id, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash, key_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		e.Seq, e.At, actorID, e.Actor, e.Address, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash, e.KeyID); err != nil {
		return head, fmt.Errorf("audit: append: %w", err)
	}
	if _, err := tx.Exec(ctx, "UPDATE audit_head SET last_seq = $1, last_hash = $2, key_id = $3 WHERE id = 1", e.Seq, e.Hash, e.KeyID); err != nil {
		return head, err
	}
	return e, nil
}

// computeHash covers every field but the hash itself. The time is written
// in one fixed form so that the value read back hashes the same. A keyed
// entry's hash also covers the key's id, so that an entry cannot be
// passed off as unkeyed.
func (e *Entry) computeHash(ring *Keyring) (string, error) {
	fields := []any{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.Actor, e.Address,
		e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash}
	if e.KeyID != "" {
		fields = append(fields, e.KeyID)
	}
	body, _ := json.Marshal(fields)
	return sum(ring, e.KeyID, body)
}
