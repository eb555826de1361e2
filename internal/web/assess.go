package web

// assessRoutes are the assessment results: schemes, computed and published
// results, scorecards, what-if and the 通报 export.
func (s *Server) assessRoutes() []route { return nil }
