package xlsxtest

import (
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"gaoxin/internal/xlsx"
)

// PeakHeap runs f and returns the most heap it held beyond what was held
// before: the bytes of live and not yet collected objects, sampled every
// millisecond. The collector is set to run at every 10% of growth while f
// runs, so that what is held stays close to what is live.
func PeakHeap(f func()) uint64 {
	old := debug.SetGCPercent(10)
	defer debug.SetGCPercent(old)
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base, peak := read(), uint64(0)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	}()
	f()
	close(stop)
	<-done
	peak = max(peak, read())
	if peak < base {
		return 0
	}
	return peak - base
}

// FileOnDisk writes body to a file in a temporary folder and opens it as
// an upload sits on disk, so that reading it costs no memory of its own.
// The body is the caller's to drop before measuring.
func FileOnDisk(t testing.TB, name string, body []byte) xlsx.File {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return xlsx.File{Name: name, Data: f, Size: int64(len(body))}
}
