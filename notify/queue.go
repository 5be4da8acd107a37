package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// QueueSize is how many messages may wait for delivery; a full queue
// refuses more (and says so) rather than block the caller.
const QueueSize = 256

// maxBackoff caps the wait between two tries of one message.
const maxBackoff = time.Hour

// Sender delivers one message.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// QueueOptions configure a Queue.
type QueueOptions struct {
	Sender Sender
	// Attempts is how many times a message is tried. Default 1.
	Attempts int
	// Backoff is the wait before the second try; it doubles after each
	// failure, up to an hour.
	Backoff time.Duration
	// Wait waits for a duration or until ctx is done: the clock of the
	// retries. Default notify.Wait (a timer); tests pass one that records.
	Wait func(ctx context.Context, d time.Duration) error
	// Now stamps results. Default time.Now.
	Now func() time.Time
	// Logger logs every failed try and every outcome. Default slog.Default().
	Logger *slog.Logger
	// Result, when set, is called once per message with its outcome (nil
	// error: delivered): the metrics.
	Result func(block string, err error, at time.Time)
}

// Queue delivers messages in its own goroutine (Run), one at a time, each
// with bounded retries. Enqueue never blocks: a crawl or the scheduler hands
// its messages over and goes on. Deliver is the same delivery, synchronous.
type Queue struct {
	o  QueueOptions
	ch chan Message
}

// NewQueue returns a queue; call Run to start delivering.
func NewQueue(o QueueOptions) *Queue {
	if o.Attempts < 1 {
		o.Attempts = 1
	}
	if o.Wait == nil {
		o.Wait = Wait
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Queue{o: o, ch: make(chan Message, QueueSize)}
}

// Enqueue hands messages to Run. Messages that do not fit in the queue are
// reported as failed (logged and counted), not waited for.
func (q *Queue) Enqueue(msgs ...Message) {
	for _, m := range msgs {
		select {
		case q.ch <- m:
		default:
			err := fmt.Errorf("notify: queue full (%d messages waiting)", QueueSize)
			q.o.Logger.Error("notice dropped", "block", m.Block, "err", err)
			q.result(m, err)
		}
	}
}

// Run delivers queued messages until ctx is done.
func (q *Queue) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-q.ch:
			_ = q.Deliver(ctx, m) // logged and reported by Deliver
		}
	}
}

// Deliver tries m up to Attempts times, waiting Backoff, then twice as
// long, between tries, and reports the outcome to Result.
func (q *Queue) Deliver(ctx context.Context, m Message) error {
	wait := q.o.Backoff
	var err error
	for try := 1; ; try++ {
		if err = q.o.Sender.Send(ctx, m); err == nil {
			q.o.Logger.Info("notice sent", "block", m.Block, "recipients", len(m.To), "attempt", try)
			break
		}
		if try >= q.o.Attempts || ctx.Err() != nil {
			q.o.Logger.Error("notice not delivered", "block", m.Block, "attempts", try, "err", err)
			err = fmt.Errorf("notify: block %s: %d attempts: %w", m.Block, try, err)
			break
		}
		q.o.Logger.Warn("notice delivery failed; will retry", "block", m.Block, "attempt", try, "retry_in", wait, "err", err)
		if werr := q.o.Wait(ctx, wait); werr != nil {
			err = fmt.Errorf("notify: block %s: stopped before retrying: %w", m.Block, err)
			q.o.Logger.Error("notice not delivered", "block", m.Block, "attempts", try, "err", err)
			break
		}
		wait = min(2*wait, maxBackoff)
	}
	q.result(m, err)
	return err
}

func (q *Queue) result(m Message, err error) {
	if q.o.Result != nil {
		q.o.Result(m.Block, err, q.o.Now())
	}
}
