package origin

import "strconv"

// endsInNumber is URL §ends-in-a-number-checker. input is a non-empty ASCII
// domain.
func endsInNumber(input string) bool {
	// URL §ends-in-a-number-checker steps 2-3: split on "." and drop one
	// trailing empty part.
	if len(input) > 0 && input[len(input)-1] == '.' {
		input = input[:len(input)-1]
	}
	// Step 4: the last part.
	last := input
	for i := len(input) - 1; i >= 0; i-- {
		if input[i] == '.' {
			last = input[i+1:]
			break
		}
	}
	// Step 5: non-empty and only ASCII digits.
	if last != "" {
		allDigits := true
		for i := 0; i < len(last); i++ {
			if !isDigit(last[i]) {
				allDigits = false
				break
			}
		}
		if allDigits {
			return true
		}
	}
	// Step 6: "0x"/"0X" followed by zero or more hex digits.
	if len(last) >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X') {
		for i := 2; i < len(last); i++ {
			if !hexDigit[last[i]] {
				return false
			}
		}
		return true
	}
	// Step 7.
	return false
}

// ipv4Overflow is larger than any valid IPv4 part; parsed numbers saturate
// there so that long inputs cannot overflow.
const ipv4Overflow = 1 << 33

// parseIPv4Number is URL §ipv4-number-parser. It returns ok=false on
// failure. Values saturate at ipv4Overflow.
func parseIPv4Number(s string) (n uint64, ok bool) {
	// Step 1.
	if s == "" {
		return 0, false
	}
	// Steps 3-5: radix from the prefix.
	r := uint64(10)
	switch {
	case len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		s, r = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, r = s[1:], 8
	}
	// Step 6.
	if s == "" {
		return 0, true
	}
	// Steps 7-8.
	for i := 0; i < len(s); i++ {
		c := s[i]
		var d uint64
		switch {
		case r == 16 && hexDigit[c]:
			d = uint64(hexVal(c))
		case r == 10 && isDigit(c):
			d = uint64(c - '0')
		case r == 8 && '0' <= c && c <= '7':
			d = uint64(c - '0')
		default:
			return 0, false
		}
		if n < ipv4Overflow {
			n = n*r + d
		}
	}
	if n > ipv4Overflow {
		n = ipv4Overflow
	}
	return n, true
}

// parseIPv4 is URL §concept-ipv4-parser. input is an ASCII domain that ends
// in a number.
func parseIPv4(input string) (uint32, bool) {
	// Step 2: drop one trailing empty part (when there is more than one).
	if len(input) > 1 && input[len(input)-1] == '.' {
		input = input[:len(input)-1]
	}
	var numbers [4]uint64
	count := 0
	start := 0
	for i := 0; i <= len(input); i++ {
		if i < len(input) && input[i] != '.' {
			continue
		}
		// Step 4: more than 4 parts fails.
		if count == 4 {
			return 0, false
		}
		// Step 6: parse each part; failure fails.
		n, ok := parseIPv4Number(input[start:i])
		if !ok {
			return 0, false
		}
		numbers[count] = n
		count++
		start = i + 1
	}
	// Step 8: any part but the last above 255 fails.
	for i := 0; i < count-1; i++ {
		if numbers[i] > 255 {
			return 0, false
		}
	}
	// Step 9: the last part must be below 256^(5 - count).
	last := numbers[count-1]
	if last >= uint64(1)<<(8*(5-count)) {
		return 0, false
	}
	// Steps 10-14.
	ipv4 := last
	for i := 0; i < count-1; i++ {
		ipv4 += numbers[i] << (8 * (3 - i))
	}
	return uint32(ipv4), true
}

// appendIPv4 is URL §concept-ipv4-serializer.
func appendIPv4(b []byte, a uint32) []byte {
	for i := 3; i >= 0; i-- {
		b = strconv.AppendUint(b, uint64(a>>(8*i))&0xff, 10)
		if i != 0 {
			b = append(b, '.')
		}
	}
	return b
}
