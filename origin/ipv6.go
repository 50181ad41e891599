package origin

// parseIPv6 is URL §concept-ipv6-parser. input is the text between the
// brackets.
func parseIPv6(input string) (address [8]uint16, ok bool) {
	pieceIndex := 0
	compress := -1
	p := 0
	at := func(i int) int { // the code point at i, or -1 for EOF
		if i < len(input) {
			return int(input[i])
		}
		return -1
	}
	// Step 5: a leading "::".
	if at(p) == ':' {
		if at(p+1) != ':' {
			return address, false
		}
		p += 2
		pieceIndex++
		compress = pieceIndex
	}
	// Step 6.
	for at(p) != -1 {
		// Step 6.1.
		if pieceIndex == 8 {
			return address, false
		}
		// Step 6.2: "::".
		if at(p) == ':' {
			if compress != -1 {
				return address, false
			}
			p++
			pieceIndex++
			compress = pieceIndex
			continue
		}
		// Steps 6.3-6.4: up to four hex digits.
		value, length := 0, 0
		for length < 4 && at(p) != -1 && hexDigit[input[p]] {
			value = value*16 + int(hexVal(input[p]))
			p++
			length++
		}
		switch at(p) {
		case '.':
			// Step 6.5: an embedded IPv4 address.
			if length == 0 {
				return address, false
			}
			p -= length
			if pieceIndex > 6 {
				return address, false
			}
			numbersSeen := 0
			for at(p) != -1 {
				ipv4Piece := -1
				if numbersSeen > 0 {
					if at(p) == '.' && numbersSeen < 4 {
						p++
					} else {
						return address, false
					}
				}
				if at(p) == -1 || !isDigit(input[p]) {
					return address, false
				}
				for at(p) != -1 && isDigit(input[p]) {
					number := int(input[p] - '0')
					switch ipv4Piece {
					case -1:
						ipv4Piece = number
					case 0:
						return address, false
					default:
						ipv4Piece = ipv4Piece*10 + number
					}
					if ipv4Piece > 255 {
						return address, false
					}
					p++
				}
				address[pieceIndex] = address[pieceIndex]<<8 | uint16(ipv4Piece)
				numbersSeen++
				if numbersSeen == 2 || numbersSeen == 4 {
					pieceIndex++
				}
			}
			if numbersSeen != 4 {
				return address, false
			}
			goto done
		case ':':
			// Step 6.6.
			p++
			if at(p) == -1 {
				return address, false
			}
		case -1:
		default:
			// Step 6.7.
			return address, false
		}
		// Steps 6.9-6.10.
		address[pieceIndex] = uint16(value)
		pieceIndex++
	}
done:
	// Step 7: move the pieces after "::" to the end.
	if compress != -1 {
		swaps := pieceIndex - compress
		pieceIndex = 7
		for pieceIndex != 0 && swaps > 0 {
			j := compress + swaps - 1
			address[pieceIndex], address[j] = address[j], address[pieceIndex]
			pieceIndex--
			swaps--
		}
	} else if pieceIndex != 8 {
		// Step 8.
		return address, false
	}
	return address, true
}

// compressedPiece is URL §find-the-ipv6-address-compressed-piece-index: the
// start of the first longest run of at least two zero pieces, or -1.
func compressedPiece(a *[8]uint16) int {
	longestIndex, longestSize := -1, 1
	foundIndex, foundSize := -1, 0
	for i, piece := range a {
		if piece != 0 {
			if foundSize > longestSize {
				longestIndex, longestSize = foundIndex, foundSize
			}
			foundIndex, foundSize = -1, 0
			continue
		}
		if foundIndex == -1 {
			foundIndex = i
		}
		foundSize++
	}
	if foundSize > longestSize {
		return foundIndex
	}
	return longestIndex
}

const lowerHex = "0123456789abcdef"

// appendIPv6 is URL §concept-ipv6-serializer.
func appendIPv6(b []byte, a *[8]uint16) []byte {
	compress := compressedPiece(a)
	ignore0 := false
	for i, piece := range a {
		// Steps 4.1-4.2.
		if ignore0 && piece == 0 {
			continue
		}
		ignore0 = false
		// Step 4.3.
		if compress == i {
			if i == 0 {
				b = append(b, "::"...)
			} else {
				b = append(b, ':')
			}
			ignore0 = true
			continue
		}
		// Step 4.4: shortest lowercase hex.
		started := false
		for shift := 12; shift >= 0; shift -= 4 {
			d := piece >> shift & 0xf
			if d != 0 || started || shift == 0 {
				b = append(b, lowerHex[d])
				started = true
			}
		}
		// Step 4.5.
		if i != 7 {
			b = append(b, ':')
		}
	}
	return b
}
