package audit_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gaoxin/internal/audit"
	"gaoxin/internal/db"
	"gaoxin/internal/db/dbtest"
)

func ring(t *testing.T) *audit.Keyring {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.key")
	if err := audit.WriteKeyFile(path, audit.NewKey()); err != nil {
		t.Fatal(err)
	}
	r, err := audit.LoadKeyring(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func useKeys(t *testing.T, r *audit.Keyring) {
	audit.UseKeys(r)
	t.Cleanup(func() { audit.UseKeys(nil) })
}

// forge rewrites entry seq's after-state and re-hashes it and every entry
// after it under forger (nil: plain SHA-256, as someone without the key
// would), moving the head along: what someone who can write the database
// does to hide a change.
func forge(t *testing.T, d *db.DB, seq int64, after string, forger *audit.Keyring) {
	t.Helper()
	ctx := context.Background()
	entries, err := audit.List(ctx, d, audit.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	prev := ""
	for i := len(entries) - 1; i >= 0; i-- { // oldest first
		e := entries[i]
		if e.Seq < seq {
			prev = e.Hash
			continue
		}
		if e.Seq == seq {
			e.After = after
		}
		e.PrevHash = prev
		e.KeyID = ""
		if forger != nil {
			e.KeyID = forger.Current().ID
		}
		h, err := audit.Rehash(e, forger)
		if err != nil {
			t.Fatal(err)
		}
		exec(t, d, "UPDATE audit_log SET after_json = $1, prev_hash = $2, hash = $3, key_id = $4 WHERE seq = $5", e.After, e.PrevHash, h, e.KeyID, e.Seq)
		exec(t, d, "UPDATE audit_head SET last_hash = $1, key_id = $2", h, e.KeyID)
		prev = h
	}
}

func TestKeyedChain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fill(t, d, 2) // written before the installation had a key
		key := ring(t)
		useKeys(t, key)
		fill(t, d, 3) // entry 3 pins 1–2 and starts the keyed part; 4–6 are keyed
		var keyed int
		d.QueryRow(ctx, "SELECT COUNT(*) FROM audit_log WHERE key_id = $1", key.Current().ID).Scan(&keyed)
		var action string
		d.QueryRow(ctx, "SELECT action FROM audit_log WHERE seq = 3").Scan(&action)
		if keyed != 4 || action != audit.ActionKeyInit {
			t.Fatalf("%d keyed entries, entry 3 is %s", keyed, action)
		}
		n, brk, err := audit.Verify(ctx, d)
		if n != 6 || brk != nil || err != nil {
			t.Fatalf("verify: %d %v %v", n, brk, err)
		}
		anchor, err := audit.Head(ctx, d)
		if err != nil || anchor.Seq != 6 {
			t.Fatal(anchor, err)
		}
		parsed, err := audit.ParseAnchor(anchor.String())
		if err != nil || parsed != anchor {
			t.Fatalf("anchor %s parses as %v, %v", anchor, parsed, err)
		}
		fill(t, d, 1)

		// Without the key, verify cannot vouch for keyed entries.
		audit.UseKeys(nil)
		if _, _, err := audit.Verify(ctx, d); !errors.Is(err, audit.ErrNoKey) {
			t.Errorf("verify without the key: %v", err)
		}
		// …and the application refuses to write unkeyed after keyed.
		err = d.Write(ctx, func(tx *db.Tx) error { return audit.Record(ctx, tx, audit.System, "x", "y", 1, nil, nil) })
		if !errors.Is(err, audit.ErrNoKey) {
			t.Errorf("an unkeyed write after keyed ones: %v", err)
		}
		useKeys(t, key)

		// A forger without the key re-hashes the tail in plain SHA-256.
		forge(t, d, 5, `{"name":"伪造"}`, nil)
		if _, brk, _ := audit.Verify(ctx, d); brk == nil || brk.Seq != 5 || !strings.Contains(brk.Reason, "not keyed") {
			t.Errorf("rewritten without the key: %v", brk)
		}
		// …or under a key of their own.
		forge(t, d, 5, `{"name":"伪造"}`, ring(t))
		if _, _, err := audit.Verify(ctx, d); !errors.Is(err, audit.ErrKeyNotInRing) {
			t.Errorf("rewritten under another key: %v", err)
		}
		// Someone holding the key rewrites a clean-looking chain…
		forge(t, d, 5, `{"name":"伪造"}`, key)
		if _, brk, err := audit.Verify(ctx, d); brk != nil || err != nil {
			t.Fatalf("a chain rewritten with the key verifies on its own: %v %v", brk, err)
		}
		// …which the anchor taken before catches.
		_, brk, err = audit.VerifyAnchored(ctx, d, &anchor)
		if err != nil || brk == nil || brk.Seq != 6 || !strings.Contains(brk.Reason, "anchor") {
			t.Errorf("rewritten with the key, against the earlier anchor: %v %v", brk, err)
		}
		// An anchor beyond the end names the missing entries.
		_, brk, _ = audit.VerifyAnchored(ctx, d, &audit.Anchor{Seq: 99, Hash: anchor.Hash})
		if brk == nil || !strings.Contains(brk.Reason, "removed") {
			t.Errorf("anchor past the end: %v", brk)
		}
	})
}

// The unkeyed entries before the first key cannot be rewritten either:
// the entry that starts the keyed part pins their head.
func TestKeyInitPinsTheOlderEntries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		fill(t, d, 3)
		useKeys(t, ring(t))
		// Before any keyed entry, a keyed installation says the trail is
		// of the older form.
		if _, _, err := audit.Verify(ctx, d); !errors.Is(err, audit.ErrUnkeyed) {
			t.Errorf("an unkeyed trail under a key: %v", err)
		}
		fill(t, d, 1)
		if _, brk, err := audit.Verify(ctx, d); brk != nil || err != nil {
			t.Fatalf("keyed: %v %v", brk, err)
		}
		// Entry 2 rewritten and entries 2–3 re-hashed in plain SHA-256, as
		// anyone can: the pin in entry 4 no longer matches.
		exec(t, d, `UPDATE audit_log SET after_json = '{"name":"伪造"}' WHERE seq = 2`)
		forgeUnkeyedPrefix(t, d)
		if _, brk, _ := audit.Verify(ctx, d); brk == nil || brk.Seq != 4 {
			t.Errorf("the unkeyed entries rewritten: %v", brk)
		}
	})
}

func forgeUnkeyedPrefix(t *testing.T, d *db.DB) {
	t.Helper()
	ctx := context.Background()
	entries, _ := audit.List(ctx, d, audit.Filter{Limit: 10})
	prev := ""
	for i := len(entries) - 1; i >= 0; i-- {
		e := entries[i]
		if e.KeyID != "" {
			break
		}
		e.PrevHash = prev
		h, _ := audit.Rehash(e, nil)
		exec(t, d, "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3", e.PrevHash, h, e.Seq)
		prev = h
	}
}

func TestKeyFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "k")
	first := audit.NewKey()
	if err := audit.WriteKeyFile(path, first); err != nil {
		t.Fatal(err)
	}
	if err := audit.WriteKeyFile(path, audit.NewKey()); err == nil {
		t.Error("a key file was overwritten")
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v", info.Mode().Perm())
	}
	second := audit.NewKey()
	if err := audit.AppendKey(path, second); err != nil {
		t.Fatal(err)
	}
	r, err := audit.LoadKeyring(path)
	if err != nil || r.Current().ID != second.ID {
		t.Fatalf("rotated ring: %v %v", r, err)
	}
	for name, text := range map[string]string{
		"short":   "abcd\n",
		"not hex": strings.Repeat("zz", 32) + "\n",
		"empty":   "# nothing\n",
		"altered": "000000000000 " + strings.Repeat("ab", 32) + "\n",
	} {
		if _, err := audit.ParseKeyring(name, []byte(text)); err == nil {
			t.Errorf("%s key file accepted", name)
		}
	}
	for _, bad := range []string{"", "12", "12:", "x:" + strings.Repeat("a", 64), "0:" + strings.Repeat("a", 64), "3:" + strings.Repeat("a", 63), "3:" + strings.Repeat("A", 64)} {
		if _, err := audit.ParseAnchor(bad); err == nil {
			t.Errorf("anchor %q accepted", bad)
		}
	}
}
