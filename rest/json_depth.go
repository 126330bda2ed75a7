package rest

// maxJSONDepth is PHP's json_decode default depth, which WordPress's REST
// server uses: deeper bodies are refused before they are parsed, so that no
// body can make the decoder recurse without bound.
const maxJSONDepth = 512

// maxJSONValues bounds how many values (members and elements) a body may
// hold. A generic decode costs tens of bytes per value, so a body of small
// values ([0,0,0,…]) would cost twenty times its size in memory; with this
// bound a body costs at most its size plus a few megabytes. Real bodies —
// a post, a batch of 25 requests, settings — hold a few thousand.
const maxJSONValues = 1 << 16

// jsonTooDeep reports whether a JSON text nests arrays and objects deeper
// than max, scanning it once without parsing.
func jsonTooDeep(b []byte, max int) bool {
	deep, _ := jsonShape(b, max, -1)
	return deep
}

// jsonShape scans a JSON text once without parsing: whether it nests
// deeper than maxDepth, and whether it holds more than maxValues values
// (negative: not counted).
func jsonShape(b []byte, maxDepth, maxValues int) (tooDeep, tooMany bool) {
	depth, inString, escaped, values := 0, false, false, 1
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
			if depth > maxDepth {
				return true, false
			}
		case c == ']' || c == '}':
			depth--
		case c == ',':
			// Each comma outside strings starts one more value.
			values++
			if maxValues >= 0 && values > maxValues {
				return false, true
			}
		}
	}
	return false, false
}
