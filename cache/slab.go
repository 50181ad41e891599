package cache

// slab is a growable array addressed by uint32 that never moves its
// elements: past its first chunk it grows by whole chunks, so a large cache
// neither copies its records when it grows nor keeps the slack of a slice
// that doubled. The first chunk grows like a slice, so a small cache stays
// small.
type slab[T any] struct {
	chunks [][]T
	n      uint32
}

const (
	chunkBits = 12
	chunkSize = 1 << chunkBits
	chunkMask = chunkSize - 1
)

func (s *slab[T]) at(i uint32) *T { return &s.chunks[i>>chunkBits][i&chunkMask] }

func (s *slab[T]) len() uint32 { return s.n }

// push appends a zero element and returns its index.
func (s *slab[T]) push() uint32 {
	i := s.n
	c := i >> chunkBits
	switch {
	case int(c) == len(s.chunks) && c == 0:
		s.chunks = append(s.chunks, make([]T, 1, 8))
	case int(c) == len(s.chunks):
		s.chunks = append(s.chunks, make([]T, chunkSize))
	case c == 0:
		var zero T
		s.chunks[0] = append(s.chunks[0], zero)
	}
	s.n++
	return i
}
