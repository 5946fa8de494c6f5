//! A small seeded xorshift generator: reproducible runs of the measurement tools without a
//! dependency for randomness.

/// A xorshift64 generator seeded from a string.
pub struct Xorshift {
    state: u64,
}

impl Xorshift {
    /// The generator for `seed` (FNV-1a of its bytes; never zero, which xorshift cannot leave).
    pub fn new(seed: &str) -> Xorshift {
        let hash = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Xorshift { state: hash | 1 }
    }

    pub fn draw(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        self.state
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.draw() % n }
    }

    /// True once in `one_in` draws on average.
    pub fn chance(&mut self, one_in: u64) -> bool {
        self.below(one_in) == 0
    }

    /// An index in `0..len` (0 when `len` is 0).
    pub fn index(&mut self, len: usize) -> usize {
        let drawn = self.below(u64::try_from(len).unwrap_or(u64::MAX));
        usize::try_from(drawn).unwrap_or(0)
    }

    /// One of `items`, or `None` when there are none.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.index(items.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::Xorshift;

    #[test]
    fn the_same_seed_draws_the_same_numbers_and_draws_stay_in_range() {
        let mut a = Xorshift::new("seed");
        let mut b = Xorshift::new("seed");
        let drawn: Vec<u64> = (0..100).map(|_| a.below(7)).collect();
        assert_eq!(drawn, (0..100).map(|_| b.below(7)).collect::<Vec<_>>());
        assert!(drawn.iter().all(|n| *n < 7));
        assert!((0..7).all(|n| drawn.contains(&n)), "{drawn:?}");
        assert_ne!(Xorshift::new("other").draw(), Xorshift::new("seed").draw());
        assert_eq!(a.below(0), 0);
        assert_eq!(a.pick::<u8>(&[]), None);
    }
}
