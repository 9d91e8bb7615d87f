//! Base64 VLQ, the text form of the `mappings` field.
//!
//! ```text
//! [[0,0,0,0],[4,0,0,4]] ; [[0,0,1,0]]   <->   "AAAA,IAAI;AACJ"
//! ```

use super::{Lines, MappingSink, Origin, Segment};

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

const fn base64_values() -> [i8; 128] {
    let mut table = [-1i8; 128];
    let mut i = 0;
    while i < 64 {
        table[BASE64[i] as usize] = i as i8;
        i += 1;
    }
    table
}

const BASE64_VALUE: [i8; 128] = base64_values();

/// Writes segments straight into the encoded string, as they arrive.
#[derive(Default)]
pub struct VlqWriter {
    /// Zero-filled ahead of `written`, so that a segment is stored with plain indexed
    /// writes: a map has a segment every few bytes of input, and a capacity check and
    /// length update per pushed byte cost more than the encoding itself.
    out: Vec<u8>,
    written: usize,
    needs_comma: bool,
    previous_generated_column: i64,
    previous_source: i64,
    previous_line: i64,
    previous_column: i64,
    previous_name: i64,
}

/// `,` then the column on both sides, the source and line unchanged, for steps of fewer
/// than 16 columns: 5 bytes, padded to 8 so that a step is one 8-byte write (the padding
/// is past the end, and overwritten next).
const SHORT_STEPS: [[u8; 8]; 16] = {
    let mut steps = [[0; 8]; 16];
    let mut columns = 0;
    while columns < 16 {
        let digit = BASE64[columns * 2];
        steps[columns] = [b',', digit, b'A', b'A', digit, 0, 0, 0];
        columns += 1;
    }
    steps
};

/// The longest segment: a comma and 5 values of at most 7 digits.
const LONGEST_SEGMENT: usize = 36;
/// The longest step: a comma, two columns and two `A`s, and the 3 bytes past the end
/// that the short form writes.
const LONGEST_STEP: usize = 1 + 7 + 2 + 7 + 3;

impl VlqWriter {
    pub fn with_capacity(capacity: usize) -> Self {
        Self { out: vec![0; capacity], ..Self::default() }
    }

    /// Makes sure `room` more bytes can be written at `written`.
    #[inline(always)]
    fn reserve(&mut self, room: usize) {
        if self.out.len() - self.written < room {
            self.grow(room);
        }
    }

    #[cold]
    fn grow(&mut self, room: usize) {
        let length = (self.out.len() * 2).max(self.written + room).max(1024);
        self.out.resize(length, 0);
    }

    #[inline(always)]
    fn push(&mut self, byte: u8) {
        self.out[self.written] = byte;
        self.written += 1;
    }

    #[inline(always)]
    fn push_vlq(&mut self, value: i64) {
        self.written = write_vlq(&mut self.out, self.written, value);
    }

    pub fn write_segment(&mut self, segment: &Segment) {
        self.reserve(LONGEST_SEGMENT);
        if self.needs_comma {
            self.push(b',');
        }
        self.needs_comma = true;
        let value = delta(&mut self.previous_generated_column, segment.generated_column);
        self.push_vlq(value);
        if let Some(origin) = segment.origin {
            let value = delta(&mut self.previous_source, origin.source);
            self.push_vlq(value);
            let value = delta(&mut self.previous_line, origin.line);
            self.push_vlq(value);
            let value = delta(&mut self.previous_column, origin.column);
            self.push_vlq(value);
            if let Some(name) = origin.name {
                let value = delta(&mut self.previous_name, name);
                self.push_vlq(value);
            }
        }
    }

    pub fn finish(mut self) -> String {
        self.out.truncate(self.written);
        // Only ASCII base64 digits, commas and semicolons were written.
        String::from_utf8(self.out).expect("VLQ output is ASCII")
    }
}

impl MappingSink for VlqWriter {
    fn segment(&mut self, generated_column: u32, line: u32, column: u32) {
        let origin = Origin { source: 0, line, column, name: None };
        self.write_segment(&Segment { generated_column, origin: Some(origin) });
    }

    #[inline(always)]
    fn steps(&mut self, mut marks: u64, start: u32) {
        self.reserve(marks.count_ones() as usize * LONGEST_STEP);
        let first = self.previous_column;
        let mut previous = first;
        let mut written = self.written;
        let out = self.out.as_mut_slice();
        while marks != 0 {
            let column = i64::from(start.wrapping_add(marks.trailing_zeros()));
            marks &= marks - 1;
            let columns = column - previous;
            previous = column;
            if (0..16).contains(&columns) {
                out[written..written + 8].copy_from_slice(&SHORT_STEPS[columns as usize]);
                written += 5;
            } else {
                out[written] = b',';
                written = write_vlq(out, written + 1, columns);
                out[written..written + 2].copy_from_slice(b"AA");
                written = write_vlq(out, written + 2, columns);
            }
        }
        self.written = written;
        self.previous_column = previous;
        self.previous_generated_column += previous - first;
    }

    fn new_line(&mut self) {
        self.reserve(1);
        self.push(b';');
        self.needs_comma = false;
        self.previous_generated_column = 0;
    }
}

/// Writes `value` at `at`, where there is room; returns the end.
#[inline(always)]
fn write_vlq(out: &mut [u8], mut at: usize, value: i64) -> usize {
    let mut num = if value < 0 { ((-value) << 1) | 1 } else { value << 1 };
    loop {
        let mut digit = (num & 31) as usize;
        num >>= 5;
        if num > 0 {
            digit |= 32;
        }
        out[at] = BASE64[digit];
        at += 1;
        if num == 0 {
            return at;
        }
    }
}

/// The change from the previous value of a field, which becomes the new previous value.
fn delta(previous: &mut i64, value: u32) -> i64 {
    let value = i64::from(value);
    let delta = value - *previous;
    *previous = value;
    delta
}

/// Encodes decoded mappings.
pub fn encode(lines: &Lines) -> String {
    let mut writer = VlqWriter::default();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            writer.new_line();
        }
        for segment in line {
            writer.write_segment(segment);
        }
    }
    writer.finish()
}

/// Decodes a `mappings` string. Fails on characters outside base64 and on segments of
/// a length other than 1, 4 or 5.
pub fn decode(mappings: &str) -> Result<Lines, String> {
    let bytes = mappings.as_bytes();
    let mut lines: Lines = vec![Vec::new()];
    let mut fields = [0i64; 5];
    let mut state = [0i64; 5];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b';' => {
                lines.push(Vec::new());
                state[0] = 0;
                i += 1;
                continue;
            }
            b',' => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let mut count = 0;
        while i < bytes.len() && bytes[i] != b',' && bytes[i] != b';' {
            if count == 5 {
                return Err(format!("segment with more than 5 fields at {i}"));
            }
            let (value, next) = read_vlq(bytes, i)?;
            fields[count] = value;
            count += 1;
            i = next;
        }
        if !matches!(count, 1 | 4 | 5) {
            return Err(format!("segment with {count} fields before offset {i}"));
        }
        for f in 0..count {
            state[f] += fields[f];
        }
        let field = |f: usize| u32::try_from(state[f]).map_err(|_| format!("negative position before offset {i}"));
        let origin = if count == 1 {
            None
        } else {
            Some(Origin {
                source: field(1)?,
                line: field(2)?,
                column: field(3)?,
                name: if count == 5 { Some(field(4)?) } else { None },
            })
        };
        let generated_column = field(0)?;
        lines.last_mut().expect("a line exists").push(Segment { generated_column, origin });
    }
    Ok(lines)
}

fn read_vlq(bytes: &[u8], mut i: usize) -> Result<(i64, usize), String> {
    let mut value: i64 = 0;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(i).ok_or("unterminated VLQ value")?;
        let digit = BASE64_VALUE.get(byte as usize).copied().unwrap_or(-1);
        if digit < 0 {
            return Err(format!("invalid character {:?} in mappings at {i}", byte as char));
        }
        if shift > 60 {
            return Err(format!("VLQ value too large at {i}"));
        }
        let digit = i64::from(digit);
        value |= (digit & 31) << shift;
        shift += 5;
        i += 1;
        if digit & 32 == 0 {
            break;
        }
    }
    let negative = value & 1 == 1;
    value >>= 1;
    Ok((if negative { -value } else { value }, i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(generated_column: u32, line: u32, column: u32) -> Segment {
        Segment { generated_column, origin: Some(Origin { source: 0, line, column, name: None }) }
    }

    #[test]
    fn round_trip() {
        let lines = vec![vec![seg(0, 0, 0), seg(4, 0, 4)], vec![], vec![seg(0, 1, 0)]];
        let text = encode(&lines);
        assert_eq!(text, "AAAA,IAAI;;AACJ");
        assert_eq!(decode(&text).unwrap(), lines);
    }

    #[test]
    fn large_and_negative_deltas() {
        let lines = vec![vec![seg(100_000, 5000, 70_000), seg(100_001, 0, 0)]];
        assert_eq!(decode(&encode(&lines)).unwrap(), lines);
    }

    #[test]
    fn sourceless_and_named_segments() {
        let named =
            Segment { generated_column: 3, origin: Some(Origin { source: 1, line: 2, column: 3, name: Some(4) }) };
        let lines = vec![vec![Segment { generated_column: 0, origin: None }, named]];
        assert_eq!(decode(&encode(&lines)).unwrap(), lines);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(decode("A!AA").is_err());
        assert!(decode("AA").is_err());
        assert!(decode("g").is_err());
        assert!(decode("AAAAAAA").is_err());
    }
}
