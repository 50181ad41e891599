package scenario

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/corsim/corsim/fetchmode"
)

// Decoders for the few JSON value shapes the format uses. Each takes a raw value that passed
// json.Valid and reports what it wanted when the value has another shape.

func isNull(raw []byte) bool { return len(raw) == 4 && string(raw) == "null" }

func decodeString(raw []byte) (string, error) {
	if len(raw) == 0 || raw[0] != '"' {
		return "", errors.New("want a string, got " + shape(raw))
	}
	return unquote(raw), nil
}

func decodeBool(raw []byte) (bool, error) {
	switch string(raw) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, errors.New("want true or false, got " + shape(raw))
}

// decodeInt reads an integer in [lo, hi]. JSON has one number type; the format's numbers are whole,
// so a fraction or an exponent is refused rather than rounded.
func decodeInt(raw []byte, lo, hi int64) (int64, error) {
	if len(raw) == 0 || (raw[0] != '-' && (raw[0] < '0' || raw[0] > '9')) {
		return 0, errors.New("want an integer, got " + shape(raw))
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("want an integer from %d to %d, got %s", lo, hi, clip(raw))
		}
		return 0, errors.New("want an integer, got " + clip(raw))
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("want an integer from %d to %d, got %d", lo, hi, n)
	}
	return n, nil
}

// decodePairs reads a header list written as [[name, value], ...]. Order and repeats are kept.
func decodePairs(raw []byte) (fetchmode.HeaderList, error) {
	es, err := arrayElements(raw)
	if err != nil {
		return nil, errors.New("want an array of [name, value] pairs, got " + shape(raw))
	}
	l := make(fetchmode.HeaderList, 0, len(es))
	for i, e := range es {
		name, value, ok := stringPair(e)
		if !ok {
			return nil, fmt.Errorf("[%d]: want a [name, value] pair of two strings, got %s", i, clip(e))
		}
		l = append(l, fetchmode.Header{Name: unquote(name), Value: unquote(value)})
	}
	return l, nil
}

// shape names the JSON type of raw, for error messages.
func shape(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "the number " + clip(raw)
}

// clip shortens a raw value for an error message.
func clip(raw []byte) string {
	const max = 64
	if len(raw) <= max {
		return string(raw)
	}
	return string(raw[:max]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

// quoteClip quotes s for an error message, shortened to 64 bytes.
func quoteClip(s string) string { return strconv.Quote(clip([]byte(s))) }
