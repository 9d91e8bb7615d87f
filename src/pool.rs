//! Threads for asynchronous transforms, which take the largest waiting module first.
//!
//! When many modules are requested at once (a dev server's first page, a test run), the
//! time until the last result is what counts. Taken in arrival order, a large module
//! that arrives last runs alone at the end while the other threads idle; taken largest
//! first, the small ones fill in around it. One thread per core: more would only
//! compete with each other and with the JS thread, which converts the inputs.
//!
//! ```text
//! arrivals: 10 KB, 20 KB, 2 MB, 30 KB   (one thread busy)
//! runs:     2 MB, 30 KB, 20 KB, 10 KB
//! ```

use std::collections::BinaryHeap;
use std::sync::{Condvar, Mutex, OnceLock};

type Work = Box<dyn FnOnce() + Send>;

/// Each thread's stack (virtual memory, committed only as it is used). The transform
/// runs on the thread's own stack whenever its nesting bound fits in it, and maps a
/// segment of its own per call otherwise; Rust's default of 2 MB fits only modules of a
/// few KB by that bound. Not on WebAssembly, where a thread's stack is taken from linear
/// memory up front.
#[cfg(not(target_family = "wasm"))]
const THREAD_STACK: usize = 64 << 20;

struct Job {
    size: usize,
    /// Arrival number: among equal sizes, the earlier job first.
    arrival: u64,
    work: Work,
}

impl PartialEq for Job {
    fn eq(&self, other: &Self) -> bool {
        (self.size, self.arrival) == (other.size, other.arrival)
    }
}

impl Eq for Job {}

impl PartialOrd for Job {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Job {
    /// The greatest job runs first: the largest, then the earliest.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.size.cmp(&other.size).then(other.arrival.cmp(&self.arrival))
    }
}

#[derive(Default)]
struct Queue {
    jobs: BinaryHeap<Job>,
    arrivals: u64,
    threads: usize,
}

pub struct Pool {
    queue: Mutex<Queue>,
    waiting: Condvar,
    /// Threads to start, as jobs arrive.
    max_threads: usize,
}

impl Pool {
    fn new(max_threads: usize) -> Self {
        Self { queue: Mutex::default(), waiting: Condvar::new(), max_threads: max_threads.max(1) }
    }

    /// The process's pool, one thread per core.
    pub fn global() -> &'static Pool {
        static POOL: OnceLock<Pool> = OnceLock::new();
        POOL.get_or_init(|| Pool::new(std::thread::available_parallelism().map_or(1, usize::from)))
    }

    /// Runs `work` on a pool thread, before waiting jobs of a smaller `size`.
    pub fn submit(&'static self, size: usize, work: impl FnOnce() + Send + 'static) {
        let mut queue = self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let arrival = queue.arrivals;
        queue.arrivals += 1;
        queue.jobs.push(Job { size, arrival, work: Box::new(work) });
        if queue.threads < self.max_threads {
            let name = format!("ssr-transform-{}", queue.threads);
            // Without a thread of its own, the job still runs once another is free; with
            // no thread at all, it runs here.
            let thread = std::thread::Builder::new().name(name);
            #[cfg(not(target_family = "wasm"))]
            let thread = thread.stack_size(THREAD_STACK);
            if thread.spawn(move || self.serve()).is_ok() {
                queue.threads += 1;
            } else if queue.threads == 0 {
                let job = queue.jobs.pop().expect("the job just queued");
                drop(queue);
                (job.work)();
                return;
            }
        }
        drop(queue);
        self.waiting.notify_one();
    }

    fn serve(&self) {
        loop {
            let mut queue = self.queue.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let job = loop {
                match queue.jobs.pop() {
                    Some(job) => break job,
                    None => queue = self.waiting.wait(queue).unwrap_or_else(std::sync::PoisonError::into_inner),
                }
            };
            drop(queue);
            // A job reports its own failures; a panic must not take the thread with it.
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job.work));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn the_largest_waiting_job_runs_first() {
        let pool: &'static Pool = Box::leak(Box::new(Pool::new(1)));
        let (release, blocked) = mpsc::channel::<()>();
        let (done, order) = mpsc::channel();
        // Hold the only thread until every other job waits.
        pool.submit(usize::MAX, move || blocked.recv().unwrap());
        for size in [10, 2_000, 30, 2_000, 20] {
            let done = done.clone();
            pool.submit(size, move || done.send(size).unwrap());
        }
        release.send(()).unwrap();
        let order: Vec<usize> = order.iter().take(5).collect();
        assert_eq!(order, [2_000, 2_000, 30, 20, 10]);
    }

    #[test]
    fn a_panicking_job_leaves_the_pool_working() {
        let pool: &'static Pool = Box::leak(Box::new(Pool::new(1)));
        pool.submit(1, || panic!("a failing job"));
        let (done, finished) = mpsc::channel();
        pool.submit(1, move || done.send(()).unwrap());
        finished.recv().unwrap();
    }
}
