package cli

import (
	"errors"
	"fmt"
	"os"

	"gaoxin/internal/audit"
	"gaoxin/internal/auditcheck"
	"gaoxin/internal/db"
)

const auditUsage = "gaoxin audit verify|anchor|init-key|rotate-key|baseline [flags]"

func runAudit(e *env) error {
	if len(e.args) == 0 || e.args[0] == "-h" || e.args[0] == "--help" {
		if len(e.args) == 0 {
			return usagef("expected: %s", auditUsage)
		}
		fmt.Fprintln(e.stdout, "Usage: "+auditUsage+"\n\n"+
			"  verify      check the chain under the key, and the live tables against the trail\n"+
			"  anchor      print the chain's head (SEQ:HASH) for the office to file\n"+
			"  init-key    create the audit key file and key the trail\n"+
			"  rotate-key  add a new current key to the key file\n"+
			"  baseline    state in the trail the records it does not state as they are")
		return nil
	}
	run, ok := map[string]func(*env, []string) error{
		"verify": auditVerify, "anchor": auditAnchor, "init-key": auditInitKey,
		"rotate-key": auditRotateKey, "baseline": auditBaseline,
	}[e.args[0]]
	if !ok {
		return usagef("unknown subcommand %q; expected: %s", e.args[0], auditUsage)
	}
	return run(e, e.args[1:])
}

func auditVerify(e *env, args []string) error {
	cfg := defaultConfig()
	fs := e.flags("audit verify", "audit verify [--db DSN] [--anchor SEQ:HASH]",
		"Check the audit trail: each entry's keyed hash and its link to the one before,\n"+
			"and every audited record in the tables against what the trail says it is.\n"+
			"Exits 1, names the first broken entry and each record that differs, that\n"+
			"no entry wrote, or that the table lost. With --anchor, the trail up to\n"+
			"that entry must be the one the anchor was taken from.")
	cfg.DBFlag(fs)
	anchorText := fs.String("anchor", "", "an `SEQ:HASH` printed earlier by gaoxin audit anchor")
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	var anchor *audit.Anchor
	if *anchorText != "" {
		a, err := audit.ParseAnchor(*anchorText)
		if err != nil {
			return usagef("--anchor: %v", err)
		}
		anchor = &a
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	res, err := auditcheck.Run(e.ctx, d, "cli", anchor)
	if err != nil {
		return err
	}
	if !res.Sound() {
		for _, line := range res.Lines() {
			fmt.Fprintln(e.stderr, line)
		}
		return fmt.Errorf("audit trail not sound: %d problems (%d entries, %d records checked)", res.Problems(), res.Entries, res.State.Records)
	}
	fmt.Fprintf(e.stdout, "audit trail sound: %d entries, %d records agree with it\n", res.Entries, res.State.Records)
	if anchor != nil {
		fmt.Fprintf(e.stdout, "the trail up to entry %d is the one anchored\n", anchor.Seq)
	}
	return nil
}

func auditAnchor(e *env, args []string) error {
	cfg := defaultConfig()
	fs := e.flags("audit anchor", "audit anchor [--db DSN]",
		"Print the trail's head as SEQ:HASH. Keep it where the database cannot reach it\n"+
			"(on paper, in a chat group); `gaoxin audit verify --anchor SEQ:HASH` later proves\n"+
			"the trail up to it was not rewritten, even by someone holding the key.")
	cfg.DBFlag(fs)
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	head, err := audit.Head(e.ctx, d)
	if err != nil {
		return err
	}
	if head.Seq == 0 {
		return errors.New("the audit trail is empty: nothing to anchor")
	}
	fmt.Fprintln(e.stdout, head)
	return nil
}

func auditInitKey(e *env, args []string) error {
	cfg := defaultConfig()
	fs := e.flags("audit init-key", "audit init-key [--db DSN]",
		"Create the audit key file (GAOXIN_AUDIT_KEY_FILE, else audit.key in the user's\n"+
			"configuration directory), readable by its owner only, and key the trail: the\n"+
			"first keyed entry pins the older, unkeyed ones. Refuses to overwrite a key.")
	cfg.DBFlag(fs)
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	path := keyFilePath()
	if err := audit.WriteKeyFile(path, audit.NewKey()); errors.Is(err, os.ErrExist) {
		return fmt.Errorf("the audit key %s exists already; it is kept (rotate with `gaoxin audit rotate-key`)", path)
	} else if err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := keyTrail(e, d, "audit.key_ready"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created the audit key %s (key %s); back it up apart from the database\n", path, audit.Keys().Current().ID)
	return nil
}

// keyTrail writes an entry under the current key, which keys the trail
// if it was not yet.
func keyTrail(e *env, d *db.DB, action string) error {
	return d.Write(e.ctx, func(tx *db.Tx) error {
		return audit.Record(e.ctx, tx, audit.System, action, "audit", "key", nil, map[string]string{"key_id": audit.Keys().Current().ID})
	})
}

func auditRotateKey(e *env, args []string) error {
	cfg := defaultConfig()
	fs := e.flags("audit rotate-key", "audit rotate-key [--db DSN]",
		"Add a new key to the key file; new entries are hashed under it, and the rotation\n"+
			"is itself an entry. Keep every line of the file: each verifies what it hashed.\n"+
			"Every instance must then read the new file.")
	cfg.DBFlag(fs)
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if audit.Keys() == nil {
		return fmt.Errorf("no audit key at %s to rotate: create one with `gaoxin audit init-key`", keyFilePath())
	}
	if _, brk, err := audit.Verify(e.ctx, d); err != nil || brk != nil {
		return fmt.Errorf("the trail must verify before its key is rotated: %v", errors.Join(err, errOrNil(brk)))
	}
	old := audit.Keys().Current().ID
	path := keyFilePath()
	next := audit.NewKey()
	if err := audit.AppendKey(path, next); err != nil {
		return err
	}
	if err := loadAuditKeys(); err != nil {
		return err
	}
	err = d.Write(e.ctx, func(tx *db.Tx) error {
		return audit.Record(e.ctx, tx, audit.System, "audit.key_rotate", "audit", "key",
			map[string]string{"key_id": old}, map[string]string{"key_id": next.ID})
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "rotated the audit key in %s: %s → %s\n", path, old, next.ID)
	return nil
}

func errOrNil(b *audit.Break) error {
	if b == nil {
		return nil
	}
	return b
}

func auditBaseline(e *env, args []string) error {
	cfg := defaultConfig()
	fs := e.flags("audit baseline", "audit baseline --confirm [--db DSN]",
		"State in the trail every audited record it does not state as it is now: the\n"+
			"records of an installation whose older entries did not carry whole records,\n"+
			"or of a data set loaded in bulk. It accepts the tables as they stand, so run\n"+
			"`gaoxin audit verify` first and read what it names. Recorded as entries of\n"+
			"their own (audit.baseline).")
	cfg.DBFlag(fs)
	confirm := fs.Bool("confirm", false, "required: the tables as they stand are to be accepted")
	if _, err := e.parse(fs, args); err != nil {
		return err
	}
	if !*confirm {
		return usagef("--confirm is required: a baseline accepts the tables as they stand")
	}
	d, err := e.open(cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	n, err := audit.Baseline(e.ctx, d, audit.System, auditcheck.Kinds())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "stated %d records in the trail\n", n)
	return nil
}
