//! Deterministic identifiers and numbers: a function of the seed, a stream and a counter.
//!
//! SplitMix64 (Steele, Lea & Flood, 2014) rather than a shared RNG: the n-th id depends only on the seed and n, so
//! there is no lock on the hot path and two runs with the same seed and request order give the same ids.

/// One SplitMix64 step: a well-mixed 64-bit function of `x`.
pub fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A number determined by `(seed, stream, n)`.
pub fn hash(seed: u64, stream: u64, n: u64) -> u64 {
    mix(seed ^ mix(stream ^ mix(n)))
}

/// A 32-hex-digit id determined by `(seed, stream, n)`.
pub fn hex_id(seed: u64, stream: u64, n: u64) -> String {
    format!("{:016x}{:016x}", hash(seed, stream, n), hash(seed, stream ^ 0x5bd1_e995, n))
}

/// FNV-1a of a string: stable across Rust versions (unlike `DefaultHasher`), so a send id maps to the same series
/// on every build.
pub fn str_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

/// Streams, so ids of different kinds never repeat one another.
pub const DISPATCH: u64 = 1;
pub const SCHEDULE: u64 = 2;
pub const SEND: u64 = 3;
pub const FAULT: u64 = 4;
pub const SERIES: u64 = 5;
pub const USER: u64 = 6;
/// Things of the resource store Braze names itself (a Content Block's id, a SCIM user's id).
pub const THING: u64 = 7;

/// A 32-hex-digit id written as a UUID (8-4-4-4-12), the shape Braze's generated ids have.
pub fn uuid(hex: &str) -> String {
    let part = |a: usize, b: usize| hex.get(a..b).unwrap_or("");
    format!("{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_seed_stream_and_counter_only() {
        assert_eq!(hex_id(7, DISPATCH, 3), hex_id(7, DISPATCH, 3));
        assert_ne!(hex_id(7, DISPATCH, 3), hex_id(8, DISPATCH, 3));
        assert_ne!(hex_id(7, DISPATCH, 3), hex_id(7, SCHEDULE, 3));
        assert_ne!(hex_id(7, DISPATCH, 3), hex_id(7, DISPATCH, 4));
        assert_eq!(hex_id(0, 0, 0).len(), 32);
    }

    #[test]
    fn uuids_have_the_uuid_shape() {
        let u = uuid(&hex_id(1, THING, 0));
        let lengths: Vec<usize> = u.split('-').map(str::len).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12]);
    }

    #[test]
    fn str_hash_is_fnv1a() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(str_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(str_hash("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
