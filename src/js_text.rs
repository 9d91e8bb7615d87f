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

pub enum JsText {
    Latin1(Vec<u8>),
    Utf16(Vec<u16>),
}

impl JsText {
    pub fn new(text: String) -> Self {
        if text.is_ascii() {
            return Self::Latin1(text.into_bytes());
        }
        // U+0080..=U+00FF are the two-byte sequences led by 0xC2 or 0xC3; every other
        // non-ASCII character has a higher lead byte.
        if text.bytes().all(|byte| byte < 0xC4) { Self::Latin1(latin1(&text)) } else { Self::Utf16(utf16(&text)) }
    }
}

/// The length of the ASCII prefix of `bytes`, 8 bytes at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut words = bytes.chunks_exact(8);
    let mut length = 0;
    for word in &mut words {
        let high_bits = u64::from_le_bytes(word.try_into().expect("8 bytes")) & 0x8080_8080_8080_8080;
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
    convert(text, |out, run| out.extend_from_slice(run), |out, c| out.push(c as u8))
}

fn utf16(text: &str) -> Vec<u16> {
    convert(
        text,
        |out, run| out.extend(run.iter().map(|&byte| u16::from(byte))),
        |out, c| out.extend_from_slice(c.encode_utf16(&mut [0; 2])),
    )
}

/// Copies `text` into code units: runs of ASCII with `ascii`, found 8 bytes at a time,
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn latin1_when_it_fits_else_utf16() {
        for text in ["", "a = 1", "s = 'é'", "ÿ\u{80}é © x", "s = '中'", "😀", "a😀b\u{100}", "\u{FFFD}"] {
            test(text);
        }
        // Non-ASCII characters at every place around the 8-byte words.
        for padding in 0..20 {
            let ascii = "x".repeat(padding);
            for c in ["é", "ÿ", "ő", "中", "😀"] {
                test(&format!("{ascii}{c}{ascii}{c}"));
            }
        }
    }
}
