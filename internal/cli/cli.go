package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"gaoxin/internal/config"
	"gaoxin/internal/db"
	"gaoxin/internal/i18n"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitFail  = 1
	ExitUsage = 2
)

// env is what a command runs with: its arguments and where to write.
type env struct {
	ctx    context.Context
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	lang   i18n.Lang
}

type command struct {
	summary string
	run     func(e *env) error
}

func commands() map[string]command {
	return map[string]command{
		"serve":   {"serve the web pages and the API", runServe},
		"demo":    {"load the Weifang High-tech Zone 2019 demo, then serve it", runDemo},
		"migrate": {"bring the database schema up to date", runMigrate},
		"plan":    {"plan copy: start next year's plan from this year's", runPlan},
		"user":    {"user add: add a user", runUser},
		"token":   {"token create: print an API token for a user", runToken},
		"import":  {"import KIND FILE: create or update records from CSV or Excel", runImport},
		"export":  {"export KIND: write records as CSV, Excel or JSON", runExport},
		"audit":   {"audit verify: check the audit trail has not been tampered with", runAudit},
		"backup":  {"backup -o FILE: an online copy of the embedded database", runBackup},
		"restore": {"restore -i FILE: put a checked backup in place of the embedded database", runRestore},
		"score":   {"score --year Y [--period P]: score the units under the assessment schemes", runScore},

		"generate": {"generate --scale zone|province: fill a fresh database with a data set at size", runGenerate},
		"version":  {"version: print the version, commit, Go version and platform", runVersion},
	}
}

// usageError is a mistake in how a command was called: exit code 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// Run executes the command line and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, lang: cliLang()}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			args = []string{args[1], "-h"}
		} else {
			printUsage(stdout)
			if len(args) == 0 {
				return ExitUsage
			}
			return ExitOK
		}
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "gaoxin: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return ExitUsage
	}
	e.args = args[1:]
	err := cmd.run(e)
	var uerr *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "gaoxin %s: %s\n", args[0], uerr.msg)
		return ExitUsage
	}
	fmt.Fprintf(stderr, "gaoxin %s: %s\n", args[0], e.describe(err))
	return ExitFail
}

// describe turns an error into the line the user reads: domain problems in
// their language, everything else as it is.
func (e *env) describe(err error) string {
	var verr *i18n.Error
	var ierr *i18n.ImportError
	switch {
	case errors.As(err, &ierr):
		return ierr.In(e.lang)
	case errors.As(err, &verr):
		return verr.In(e.lang)
	}
	return err.Error()
}

// cliLang follows GAOXIN_LANG, then the system locale; Chinese by default.
func cliLang() i18n.Lang {
	for _, name := range []string{"GAOXIN_LANG", "LC_ALL", "LANG"} {
		if v := os.Getenv(name); v != "" && v != "C" && v != "POSIX" && !strings.HasPrefix(v, "C.") {
			return i18n.Parse(v)
		}
	}
	return i18n.Default
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "gaoxin: targets, reporting and assessment for a development zone.")
	fmt.Fprintln(w, "\nUsage: gaoxin COMMAND [flags]   (gaoxin COMMAND -h for its flags)\n\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nThe database is chosen by --db or GAOXIN_DB: a file path (default gaoxin.db),")
	fmt.Fprintln(w, "sqlite:PATH, or postgres://user:password@host:5432/name.")
	fmt.Fprintln(w, "Exit codes: 0 done, 1 failed, 2 bad usage.")
}

// flags makes a FlagSet whose errors and help go to stderr and whose
// -h prints the command's description first.
func (e *env) flags(name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: gaoxin %s\n\n%s\n\nFlags:\n", synopsis, description)
		fs.PrintDefaults()
	}
	return fs
}

// parse reads flags wherever they stand among the arguments, so that
// "import units FILE --dry-run" works, and returns the other arguments.
// A flag error is bad usage.
func (e *env) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usagef("%v", err)
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// sub checks that a command's first argument is its subcommand name (as in
// "user add") and returns the arguments after it; -h alone asks for help.
func (e *env) sub(name, usage string) ([]string, error) {
	if len(e.args) > 0 && (e.args[0] == "-h" || e.args[0] == "--help") {
		return []string{"-h"}, nil
	}
	if len(e.args) == 0 || e.args[0] != name {
		return nil, usagef("expected: %s", usage)
	}
	return e.args[1:], nil
}

// open opens and migrates the database named by the configuration, with
// the audit keys configured.
func (e *env) open(dsn string) (*db.DB, error) {
	if err := loadAuditKeys(); err != nil {
		return nil, err
	}
	return db.Open(e.ctx, dsn)
}

func defaultConfig() config.Config { return config.FromEnv("gaoxin.db") }
