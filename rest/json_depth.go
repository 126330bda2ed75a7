package rest

// maxJSONDepth is PHP's json_decode default depth, which WordPress's REST
// server uses: deeper bodies are refused before they are parsed, so that no
// body can make the decoder recurse without bound.
const maxJSONDepth = 512

// jsonTooDeep reports whether a JSON text nests arrays and objects deeper
// than max, scanning it once without parsing.
func jsonTooDeep(b []byte, max int) bool {
	depth, inString, escaped := 0, false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > max {
				return true
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return false
}
