package web

// peerRoutes are the benchmark groups: peers' values of zone-level
// indicators at city, province and national level, and the zone's rank.
func (s *Server) peerRoutes() []route { return nil }
