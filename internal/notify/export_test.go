package notify

import "crypto/x509"

// TrustRoots makes the deliverer check mail servers' certificates against
// pool, for tests whose server has a certificate of its own making.
func (d *Deliverer) TrustRoots(pool *x509.CertPool) { d.roots = pool }

// TrustRoots is the same for the store's test e-mails.
func (s *Store) TrustRoots(pool *x509.CertPool) { s.roots = pool }
