package fetchmode

// Byte classes of the CORS-safelisted request-header rules, as [256]bool
// tables built once at start-up.
var (
	// unsafeByteTable holds Fetch §cors-unsafe-request-header-byte: a byte
	// below 0x20 other than 0x09, one of "():<>?@[\]{}, or 0x7F.
	unsafeByteTable = func() (t [256]bool) {
		for b := 0; b < 0x20; b++ {
			t[b] = b != '\t'
		}
		for _, b := range []byte("\"():<>?@[\\]{}\x7f") {
			t[b] = true
		}
		return t
	}()

	// languageByteTable holds the bytes Fetch §cors-safelisted-request-header
	// allows in Accept-Language and Content-Language: 0-9, A-Z, a-z, SP, "*",
	// ",", "-", ".", ";" and "=".
	languageByteTable = func() (t [256]bool) {
		for _, b := range []byte("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz *,-.;=") {
			t[b] = true
		}
		return t
	}()
)

// isTabOrSpace reports whether b is an HTTP tab or space byte (Fetch
// §http-tab-or-space-byte): 0x09 or 0x20.
func isTabOrSpace(b byte) bool { return b == ' ' || b == '\t' }
