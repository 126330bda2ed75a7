package models

// PhpassHashForTest exposes phpassCrypt to the external tests, which build
// WordPress 5.6–6.7 style hashes with it.
func PhpassHashForTest(password, setting string) (string, bool) {
	return phpassCrypt(password, setting)
}
