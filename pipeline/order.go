package pipeline

import "context"

// reorder hands coded pages on to out in input order, holding those that
// finish early until the pages before them are done, and frees a dispatch
// slot for each page it hands on. It closes out when in is drained.
func reorder(ctx context.Context, in <-chan coded, out chan<- coded, slots <-chan struct{}) error {
	defer close(out)
	held := map[int]coded{}
	next := 0
	for c := range in {
		held[c.seq] = c
		for {
			c, ok := held[next]
			if !ok {
				break
			}
			select {
			case out <- c:
			case <-ctx.Done():
				return ctx.Err()
			}
			delete(held, next)
			next++
			<-slots
		}
	}
	return nil
}
