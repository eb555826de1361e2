package audit

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
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
}

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
	var lastSeq int64
	var lastHash string
	if err := tx.QueryRow(ctx, "SELECT last_seq, last_hash FROM audit_head WHERE id = 1"+tx.Dialect().ForUpdate()).Scan(&lastSeq, &lastHash); err != nil {
		return fmt.Errorf("audit: read head: %w", err)
	}
	var actorID *int64
	if who.UserID != 0 {
		actorID = &who.UserID
	}
	e := Entry{
		Seq: lastSeq + 1, At: db.Now(), Actor: who.Name, Address: who.Address,
		Action: action, Entity: entity, EntityID: fmt.Sprint(entityID),
		Before: string(b), After: string(a), PrevHash: lastHash,
	}
	e.ActorID = who.UserID
	e.Hash = e.computeHash()
	if _, err := tx.Exec(ctx, `INSERT INTO audit_log
		(seq, at, actor_id, actor, address, action, entity, entity_id, before_json, after_json, prev_hash, hash)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		e.Seq, e.At, actorID, e.Actor, e.Address, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash); err != nil {
		return fmt.Errorf("audit: append: %w", err)
	}
	_, err = tx.Exec(ctx, "UPDATE audit_head SET last_seq = $1, last_hash = $2 WHERE id = 1", e.Seq, e.Hash)
	return err
}

// computeHash covers every field but the hash itself. The time is written
// in one fixed form so that the value read back hashes the same.
func (e *Entry) computeHash() string {
	fields := []any{e.Seq, e.At.UTC().Format(time.RFC3339Nano), e.ActorID, e.Actor, e.Address,
		e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash}
	body, _ := json.Marshal(fields)
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}
