package cli_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gaoxin/internal/demo"
)

// invalidUnitsCSV is a units file of about size bytes whose every row is
// wrong (a kind of unit there is no such thing as).
func invalidUnitsCSV(size int) []byte {
	var b bytes.Buffer
	b.WriteString("编码,名称,类型,上级\n")
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Z%07d,单位%d,castle,WFGX\n", i, i)
	}
	return b.Bytes()
}

// Twenty people upload a 30 MB units file whose every row is invalid, at
// once, to one gaoxin: each is refused with the count of its problems,
// the server's memory stays under 1 GB (its peak resident set, read from
// /proc), and /healthz answers throughout.
func TestInvalidUploadsUnderLoad(t *testing.T) {
	if os.Getenv(envProcesses) == "" {
		t.Skip("set " + envProcesses + "=1 to start gaoxin and send it 20 uploads of 30 MB (CI does, on its own)")
	}
	uploads, size := 20, 30<<20
	if n, err := strconv.Atoi(os.Getenv("GAOXIN_TEST_UPLOADS")); err == nil {
		uploads = n
	}
	bin := buildGaoxin(t)
	path := demoDB(t)
	cmd := exec.Command(bin, "serve", "--db", path, "--addr", "127.0.0.1:0")
	addr, stop := startChild(t, cmd)
	defer stop()
	body := invalidUnitsCSV(size)

	done := make(chan struct{})
	var health sync.WaitGroup
	health.Add(1)
	var slowest time.Duration
	var healthFailures int
	go func() {
		defer health.Done()
		client := &http.Client{Timeout: 5 * time.Second}
		for {
			select {
			case <-done:
				return
			case <-time.After(250 * time.Millisecond):
			}
			start := time.Now()
			res, err := client.Get(addr + "/healthz")
			if err != nil || res.StatusCode != http.StatusOK {
				healthFailures++
				continue
			}
			res.Body.Close()
			slowest = max(slowest, time.Since(start))
		}
	}()

	var wg sync.WaitGroup
	errs := make(chan error, uploads)
	start := time.Now()
	for range uploads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- uploadUnits(addr, body)
		}()
	}
	wg.Wait()
	close(done)
	health.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	peak := peakRSS(t, cmd.Process.Pid)
	t.Logf("%d uploads of %d MB refused in %s; peak resident memory %d MB; slowest /healthz %s",
		uploads, size>>20, time.Since(start).Round(time.Second), peak>>20, slowest.Round(time.Millisecond))
	if peak > 1<<30 {
		t.Errorf("the server's memory peaked at %d MB, over 1 GB", peak>>20)
	}
	if healthFailures > 0 || slowest > 2*time.Second {
		t.Errorf("/healthz failed %d times, slowest answer %s", healthFailures, slowest)
	}
}

// startChild starts a gaoxin serve and returns where it listens.
func startChild(t *testing.T, cmd *exec.Cmd) (string, func()) {
	t.Helper()
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	buf := make([]byte, 0, 4096)
	chunk := make([]byte, 512)
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		n, err := stderr.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if m := servingAt.FindSubmatch(buf); m != nil {
			go io.Copy(io.Discard, stderr)
			return string(m[1]), stop
		}
		if err != nil {
			break
		}
	}
	stop()
	t.Fatalf("gaoxin serve did not say where it listens: %s", buf)
	return "", nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// uploadUnits signs in as the administrator and uploads body as a units
// file: it must be refused, with the count of all its problems.
func uploadUnits(addr string, body []byte) error {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 10 * time.Minute}
	token := func(path string) (string, error) {
		res, err := c.Get(addr + path)
		if err != nil {
			return "", err
		}
		defer res.Body.Close()
		page, _ := io.ReadAll(res.Body)
		m := csrfField.FindSubmatch(page)
		if m == nil {
			return "", fmt.Errorf("no CSRF token on %s (%d)", path, res.StatusCode)
		}
		return string(m[1]), nil
	}
	tok, err := token("/signin")
	if err != nil {
		return err
	}
	res, err := c.PostForm(addr+"/signin", url.Values{"login": {"admin"}, "password": {demo.Password}, "csrf": {tok}})
	if err != nil {
		return err
	}
	res.Body.Close()
	if tok, err = token("/units/import"); err != nil {
		return err
	}
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	mw.WriteField("csrf", tok)
	fw, _ := mw.CreateFormFile("file", "units.csv")
	fw.Write(body)
	mw.Close()
	res, err = c.Post(addr+"/units/import", mw.FormDataContentType(), &form)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	page, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "显示前 200 处") {
		return fmt.Errorf("upload: %d, %d bytes of page", res.StatusCode, len(page))
	}
	if len(page) > 1<<20 {
		return fmt.Errorf("the refusal is a page of %d KB", len(page)>>10)
	}
	return nil
}

// peakRSS is a process's peak resident set, in bytes.
func peakRSS(t *testing.T, pid int) int64 {
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Fatal("no VmHWM in /proc status")
	}
	kb, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return kb << 10
}
