package planio

import "hash/maphash"

// keySetBits is the size of a keySet: 2 MiB, in which two million keys
// give a false yes about three times in a hundred.
const keySetBits = 1 << 24

// keySet remembers which strings it was given in a fixed size, however
// many (a Bloom filter): has may say yes of a string never added, never no
// of one added. A first reading of a file uses it to pick out the few keys
// worth remembering whole, those it may have met before, without holding
// every key of the file.
type keySet struct {
	bits []uint64
	seed maphash.Seed
}

func newKeySet() *keySet {
	return &keySet{bits: make([]uint64, keySetBits/64), seed: maphash.MakeSeed()}
}

func (k *keySet) add(key string) {
	for _, b := range k.probes(key) {
		k.bits[b/64] |= 1 << (b % 64)
	}
}

func (k *keySet) has(key string) bool {
	for _, b := range k.probes(key) {
		if k.bits[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

// probes are the three bits that stand for key, drawn from the two halves
// of one hash.
func (k *keySet) probes(key string) [3]uint64 {
	h := maphash.String(k.seed, key)
	a, b := h&(1<<32-1), h>>32|1
	var bits [3]uint64
	for i := range bits {
		bits[i] = (a + uint64(i)*b) % keySetBits
	}
	return bits
}
