package auth

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A crowd signing in at once is checked a few at a time, as many as there
// are cores: each check holds 19 MiB while it runs.
func TestPasswordChecksAreBoundedByTheCores(t *testing.T) {
	hash, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	var running, most atomic.Int32
	real := idKey
	defer func() { idKey = real }()
	idKey = func(password, salt []byte, time_, memory uint32, threads uint8, keyLen uint32) []byte {
		n := running.Add(1)
		defer running.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond) // long enough for the crowd to pile up
		return real(password, salt, time_, memory, threads, keyLen)
	}
	crowd := 4*cap(hashing) + 4
	var wg sync.WaitGroup
	var wrong atomic.Int32
	for i := range crowd {
		wg.Add(1)
		go func() {
			defer wg.Done()
			password := "correct horse"
			if i%2 == 1 {
				password = "wrong"
			}
			if CheckPassword(hash, password) != (i%2 == 0) {
				wrong.Add(1)
			}
		}()
	}
	wg.Wait()
	if wrong.Load() > 0 {
		t.Errorf("%d checks gave the wrong answer", wrong.Load())
	}
	if most.Load() > int32(cap(hashing)) || most.Load() < 1 {
		t.Errorf("%d checks ran at once, want at most %d (the cores)", most.Load(), cap(hashing))
	}
}
