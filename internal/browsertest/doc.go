// Package browsertest drives gaoxin's pages in headless Chromium: signing in
// and out, what each role sees and may open, the switch between Chinese and
// English, the wrong-password form, and that the Content-Security-Policy
// lets the site's own stylesheet and script through.
//
// Every test serves the demo data from a fresh database (PostgreSQL when
// GAOXIN_TEST_POSTGRES is set, in-memory SQLite otherwise) and starts a
// browser of its own. The package holds nothing but tests.
//
// Without Chromium on the machine the tests skip, so that go test ./...
// passes where only Go is installed. To make a missing browser a failure, as
// CI does, run
//
//	GAOXIN_TEST_BROWSER=1 go test ./internal/browsertest/
package browsertest
