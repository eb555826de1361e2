// Command gaoxin runs a development zone's year: targets, reporting,
// assessment. See internal/cli for the commands.
package main

import (
	"context"
	"os"

	"gaoxin/internal/cli"
)

func main() {
	os.Exit(cli.Run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
