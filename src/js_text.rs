//! Output text in the form a JS engine stores strings: one byte per character when every
//! character is at most U+00FF (Latin-1), else UTF-16 code units.
//!
//! ```text
//! "a = 1"     -> Latin1([61 20 3d 20 31])       (ASCII: the same bytes, not copied)
//! "s = 'é'"   -> Latin1([.. 27 e9 27])           (é is one byte, 0xE9)
//! "s = '中'"  -> Utf16([.. 0x27 0x4e2d 0x27])
//! ```
//!
//! Handing V8 either form means it need not decode UTF-8 into fresh memory of its own.
//!
//! Input goes the other way: [`SourceText::from_utf16`] makes UTF-8 of a string's code
//! units, which V8 copies out at the speed of memory, where its own UTF-8 encoder goes a
//! character at a time.

pub enum JsText {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl JsText {
    pub fn new(text: String) -> Self {
        match widest(text.as_bytes()) {
            Width::Ascii => Self::Latin1(text.into_bytes()),
            Width::Latin1 => Self::Latin1(latin1(&text)),
            Width::Utf16 => Self::Utf16(utf16(&text)),
        }
    }

    /// Text known to be ASCII, such as mappings: not scanned again.
    pub fn ascii(text: String) -> Self {
        debug_assert!(text.is_ascii());
        Self::Latin1(text.into_bytes())
    }

    /// Puts each unit at its UTF-16 offset, where the text holds U+FFFD: a lone surrogate
    /// read from the source, which UTF-8 cannot hold. A text holding U+FFFD is UTF-16.
    pub fn replace_units(&mut self, units: impl IntoIterator<Item = (u32, u16)>) {
        let mut units = units.into_iter().peekable();
        if units.peek().is_none() {
            return;
        }
        let Self::Utf16(text) = self else { unreachable!("a text holding U+FFFD is UTF-16") };
        for (offset, unit) in units {
            let place = &mut text[offset as usize];
            debug_assert_eq!(*place, 0xFFFD);
            *place = unit;
        }
    }
}

/// The widest character of a text, in the forms a JS engine stores.
enum Width {
    Ascii,
    Latin1,
    Utf16,
}

/// The widest character of the UTF-8 `bytes`. Those from U+0080 to U+00FF are the
/// two-byte sequences led by 0xC2 or 0xC3; every other one has a higher lead byte. Most
/// text is ASCII but for a few characters, so the scan skips ASCII runs.
fn widest(bytes: &[u8]) -> Width {
    let mut i = ascii_prefix(bytes);
    if i == bytes.len() {
        return Width::Ascii;
    }
    while let Some(&lead) = bytes.get(i) {
        if lead >= 0xC4 {
            return Width::Utf16;
        }
        i += 2;
        i += ascii_prefix(&bytes[i..]);
    }
    Width::Latin1
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

fn word(eight: &[u8]) -> u64 {
    u64::from_le_bytes(eight.try_into().expect("8 bytes"))
}

/// The length of the ASCII prefix of `bytes`: 64 bytes at a time (which compiles to
/// vector loads) while all are ASCII, then 8 at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let ascii_block = |block: &[u8]| block.chunks_exact(8).fold(0, |any, eight| any | word(eight)) & HIGH_BITS == 0;
    let skipped = bytes.chunks_exact(64).take_while(|block| ascii_block(block)).count() * 64;
    let mut words = bytes[skipped..].chunks_exact(8);
    let mut length = skipped;
    for eight in &mut words {
        let high_bits = word(eight) & HIGH_BITS;
        if high_bits != 0 {
            return length + high_bits.trailing_zeros() as usize / 8;
        }
        length += 8;
    }
    length + words.remainder().iter().take_while(|byte| byte.is_ascii()).count()
}

/// Text whose characters are all at most U+00FF, one byte each.
fn latin1(text: &str) -> Vec<u8> {
    // `as u8` keeps a character's code point, all of which fit.
    convert(text, std::vec::Vec::extend_from_slice, |out, c| out.push(c as u8))
}

fn utf16(text: &str) -> Vec<u16> {
    convert(
        text,
        |out, run| out.extend(run.iter().map(|&byte| u16::from(byte))),
        |out, c| out.extend_from_slice(c.encode_utf16(&mut [0; 2])),
    )
}

/// Copies `text` into code units: runs of ASCII (found by [`ascii_prefix`]) with `ascii`,
/// and every other character with `other`.
fn convert<U>(text: &str, ascii: impl Fn(&mut Vec<U>, &[u8]), other: impl Fn(&mut Vec<U>, char)) -> Vec<U> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = ascii_prefix(&bytes[i..]);
        ascii(&mut out, &bytes[i..i + run]);
        i += run;
        if let Some(c) = text[i..].chars().next() {
            other(&mut out, c);
            i += c.len_utf8();
        }
    }
    out
}

/// Source text from JS, as UTF-8.
pub struct SourceText {
    pub text: String,
    /// The lone surrogates, which `text` holds as U+FFFD: each one's UTF-16 offset, and the unit.
    pub lone_surrogates: Vec<(u32, u16)>,
}

impl SourceText {
    pub fn from_utf16(units: &[u16]) -> Self {
        // Room for ASCII text, and some more; regrowth is rare.
        let mut bytes = Vec::with_capacity(units.len() + units.len() / 8 + 16);
        let mut lone_surrogates = Vec::new();
        let mut i = 0;
        while i < units.len() {
            i += push_ascii(&units[i..], &mut bytes);
            let Some(&unit) = units.get(i) else {
                break;
            };
            let pair = units.get(i + 1).filter(|&&next| is_lead(unit) && is_trail(next));
            let c = match pair {
                Some(&trail) => {
                    let high = u32::from(unit - 0xD800) << 10;
                    char::from_u32(0x10000 + high + u32::from(trail - 0xDC00)).expect("a pair is a character")
                }
                None => char::from_u32(u32::from(unit)).unwrap_or_else(|| {
                    lone_surrogates.push((i as u32, unit));
                    char::REPLACEMENT_CHARACTER
                }),
            };
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            i += c.len_utf16();
        }
        // SAFETY: `bytes` holds ASCII bytes and whole UTF-8 encodings of characters.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        Self { text, lone_surrogates }
    }
}

fn is_lead(unit: u16) -> bool {
    (0xD800..0xDC00).contains(&unit)
}

fn is_trail(unit: u16) -> bool {
    (0xDC00..0xE000).contains(&unit)
}

/// Appends the leading units of `units` that are ASCII to `out`, as bytes; returns how
/// many there were.
fn push_ascii(units: &[u16], out: &mut Vec<u8>) -> usize {
    out.reserve(units.len());
    let pushed = narrow_ascii_blocks(units, out.spare_capacity_mut());
    // SAFETY: `narrow_ascii_blocks` initialised the first `pushed` bytes of the spare capacity.
    unsafe { out.set_len(out.len() + pushed) };
    let run = units[pushed..].iter().take_while(|&&unit| unit < 0x80).count();
    // Narrowing a unit known to be ASCII keeps it.
    out.extend(units[pushed..pushed + run].iter().map(|&unit| unit as u8));
    pushed + run
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
use narrow_ascii_blocks_portable as narrow_ascii_blocks;
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
use narrow_ascii_blocks_sse2 as narrow_ascii_blocks;

/// Narrows the leading blocks of 16 units that are all ASCII into `room` (at least as
/// long as `units`), with SSE2: a check and a narrowing per block, in registers. Returns
/// how many units it wrote.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
fn narrow_ascii_blocks_sse2(units: &[u16], room: &mut [std::mem::MaybeUninit<u8>]) -> usize {
    use std::arch::x86_64::{
        _mm_and_si128, _mm_cmpeq_epi16, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_packus_epi16,
        _mm_set1_epi16, _mm_setzero_si128, _mm_storeu_si128,
    };
    let mut done = 0;
    for (block, out) in units.chunks_exact(16).zip(room.chunks_exact_mut(16)) {
        // SAFETY: SSE2 is enabled for the whole target; the loads read the block's 32
        // bytes and the store writes `out`'s 16, none of which need alignment.
        unsafe {
            let low = _mm_loadu_si128(block.as_ptr().cast());
            let high = _mm_loadu_si128(block.as_ptr().add(8).cast());
            let beyond_ascii = _mm_and_si128(_mm_or_si128(low, high), _mm_set1_epi16(0xFF80u16 as i16));
            if _mm_movemask_epi8(_mm_cmpeq_epi16(beyond_ascii, _mm_setzero_si128())) != 0xFFFF {
                break;
            }
            _mm_storeu_si128(out.as_mut_ptr().cast(), _mm_packus_epi16(low, high));
        }
        done += 16;
    }
    done
}

/// [`narrow_ascii_blocks_sse2`] for other CPUs.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
fn narrow_ascii_blocks_portable(units: &[u16], room: &mut [std::mem::MaybeUninit<u8>]) -> usize {
    let mut done = 0;
    for (block, out) in units.chunks_exact(16).zip(room.chunks_exact_mut(16)) {
        if block.iter().fold(0, |any, &unit| any | unit) >= 0x80 {
            break;
        }
        for (byte, &unit) in out.iter_mut().zip(block) {
            *byte = std::mem::MaybeUninit::new(unit as u8);
        }
        done += 16;
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    fn portable_narrowing_equals_the_vector_one() {
        type Narrow = fn(&[u16], &mut [std::mem::MaybeUninit<u8>]) -> usize;
        let narrow = |narrow_blocks: Narrow, units: &[u16]| {
            let mut bytes = Vec::with_capacity(units.len());
            let done = narrow_blocks(units, bytes.spare_capacity_mut());
            // SAFETY: `narrow_blocks` wrote the first `done` bytes.
            unsafe { bytes.set_len(done) };
            bytes
        };
        // A unit that stops the narrowing, in and between the blocks of 16.
        for at in [0, 15, 16, 40, 69] {
            for unit in [0x7F, 0x80, 0xFF, 0x100, 0xFF7F, 0xD800] {
                let mut units = vec![u16::from(b'x'); 70];
                units[at] = unit;
                let (vector, portable) =
                    (narrow(narrow_ascii_blocks_sse2, &units), narrow(narrow_ascii_blocks_portable, &units));
                assert_eq!(vector, portable, "{unit:#x} at {at}");
            }
        }
    }

    #[test]
    fn source_text_from_utf16_is_lossy_utf8_with_the_lone_surrogates_listed() {
        let mut cases: Vec<Vec<u16>> =
            ["", "a = 1", "é中😀", "x".repeat(40).as_str(), "a\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}"]
                .iter()
                .map(|text| text.encode_utf16().collect())
                .collect();
        cases.push(vec![0xD800]);
        cases.push(vec![b'a'.into(), 0xDC00, 0xD83D, 0xDE00, 0xD83D]);
        // Lone and paired surrogates at every place around the 16-unit blocks.
        for padding in 0..40 {
            let mut units = vec![u16::from(b'x'); padding];
            units.extend([0xDBFF, 0xDFFF, 0xDC00, u16::from(b'y'), 0xD800]);
            cases.push(units);
        }
        for units in cases {
            let source = SourceText::from_utf16(&units);
            assert_eq!(source.text, String::from_utf16_lossy(&units), "{units:?}");
            // The standard library's decoder, with the offset of each unit it refuses.
            let expected: Vec<(u32, u16)> = char::decode_utf16(units.iter().copied())
                .scan(0u32, |offset, decoded| {
                    let at = *offset;
                    *offset += decoded.as_ref().map_or(1, |c| c.len_utf16() as u32);
                    Some(decoded.err().map(|error| (at, error.unpaired_surrogate())))
                })
                .flatten()
                .collect();
            assert_eq!(source.lone_surrogates, expected, "{units:?}");
        }
    }

    fn test(text: &str) {
        let expected_latin1 = text.chars().all(|c| u32::from(c) <= 0xFF);
        match JsText::new(text.to_owned()) {
            JsText::Latin1(bytes) => {
                assert!(expected_latin1, "{text:?}");
                assert_eq!(bytes, text.chars().map(|c| c as u8).collect::<Vec<_>>(), "{text:?}");
            }
            JsText::Utf16(units) => {
                assert!(!expected_latin1, "{text:?}");
                assert_eq!(units, text.encode_utf16().collect::<Vec<_>>(), "{text:?}");
            }
        }
    }

    #[test]
    fn replaced_units_restore_lone_surrogates() {
        let units = [u16::from(b'a'), 0xD800, u16::from(b'b'), 0xDC01];
        let source = SourceText::from_utf16(&units);
        let mut text = JsText::new(source.text);
        text.replace_units(source.lone_surrogates);
        assert!(matches!(text, JsText::Utf16(restored) if restored == units));
        let mut ascii = JsText::new("a".to_owned());
        ascii.replace_units([]);
        assert!(matches!(ascii, JsText::Latin1(bytes) if bytes == b"a"));
    }

    #[test]
    fn latin1_when_it_fits_else_utf16() {
        for text in ["", "a = 1", "s = 'é'", "ÿ\u{80}é © x", "s = '中'", "😀", "a😀b\u{100}", "\u{FFFD}"] {
            test(text);
        }
        // Non-ASCII characters at every place around the 8-byte words and 64-byte blocks.
        for padding in (0..20).chain(56..72).chain(120..136) {
            let ascii = "x".repeat(padding);
            for c in ["é", "ÿ", "ő", "中", "😀"] {
                test(&format!("{ascii}{c}{ascii}{c}"));
            }
        }
    }
}
