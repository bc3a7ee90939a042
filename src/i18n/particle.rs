//! Korean particles that depend on the word before them: 을/를, 이/가, 은/는, 과/와, 으로/로. A template writes the
//! dictionary pair, `{name}을(를)`, and [`resolve`] picks the one the filled-in word takes, by its last sound
//! (batchim), so no one reads "을(를)". Digits and Latin letters are read as Koreans read them aloud: 1 일, 3 삼,
//! `M` 엠, `L` 엘, `id` 아이디.

/// The pairs as templates write them: the form after a final consonant, then the form after a vowel.
const PAIRS: [(&str, &str, &str); 9] = [
    ("을(를)", "을", "를"),
    ("를(을)", "을", "를"),
    ("이(가)", "이", "가"),
    ("가(이)", "이", "가"),
    ("은(는)", "은", "는"),
    ("는(은)", "은", "는"),
    ("과(와)", "과", "와"),
    ("와(과)", "과", "와"),
    ("(으)로", "으로", "로"),
];

/// The final consonant of how a character is read: `None` when it ends in a vowel, `Some('ㄹ')` for ㄹ (which
/// takes 로, not 으로), `Some('*')` for any other consonant.
fn batchim(c: char) -> Option<char> {
    const RIEUL: u32 = 8;
    match c {
        '가'..='힣' => match (c as u32 - 0xAC00) % 28 {
            0 => None,
            RIEUL => Some('ㄹ'),
            _ => Some('*'),
        },
        // 영 일 이 삼 사 오 육 칠 팔 구.
        '0' | '3' | '6' => Some('*'),
        '1' | '7' | '8' => Some('ㄹ'),
        // Letter names: 엘, 엠, 엔, 알; others (에이, 비, 디, 에스 …) end in a vowel. In a lowercase word a final
        // l, m or n is still heard (email 이메일, item 아이템, campaign 캠페인); a final r is not (user 유저).
        'L' | 'l' | 'R' => Some('ㄹ'),
        'M' | 'N' | 'm' | 'n' => Some('*'),
        _ => None,
    }
}

/// Closing marks around a filled-in word (`` `x` ``, "x", (x)) are not read: the particle follows the word inside.
fn silent(c: char) -> bool {
    matches!(c, '`' | '"' | '\'' | ')' | ']' | '}' | '>' | '»' | '”' | '’')
}

/// Replaces each dictionary pair in `text` with the form the word before it takes.
pub fn resolve(text: &str) -> std::borrow::Cow<'_, str> {
    // Every fill passes here (the TUI fills on each frame): text without a pair comes back as it is, uncopied, and
    // every pair has a parenthesis, which one byte search rules out for most text.
    if !text.contains('(') || !PAIRS.iter().any(|(pair, _, _)| text.contains(pair)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(c) = rest.chars().next() {
        for (pair, after_consonant, after_vowel) in PAIRS {
            if let Some(tail) = rest.strip_prefix(pair) {
                let last = out.chars().rev().find(|c| !silent(*c));
                let form = match last.and_then(batchim) {
                    Some('ㄹ') if pair == "(으)로" => after_vowel,
                    Some(_) => after_consonant,
                    None => after_vowel,
                };
                out.push_str(form);
                rest = tail;
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `text` still holds a dictionary pair (a test helper for tables and rules).
pub fn unresolved(text: &str) -> bool {
    PAIRS.iter().any(|(pair, _, _)| text.contains(pair))
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn the_particle_follows_the_last_sound_of_the_word() {
        assert_eq!(resolve("값을(를) 키을(를)"), "값을 키를");
        assert_eq!(resolve("기록 #12이(가) 없습니다"), "기록 #12가 없습니다");
        assert_eq!(resolve("기록 #13이(가) 없습니다"), "기록 #13이 없습니다");
        assert_eq!(resolve("`abc`은(는)"), "`abc`는");
        assert_eq!(resolve("\"email\"은(는)"), "\"email\"은");
        assert_eq!(resolve("서울(으)로, 부산(으)로, 대전(으)로"), "서울로, 부산으로, 대전으로");
        assert_eq!(resolve("US-01(으)로 sandbox(으)로"), "US-01로 sandbox로");
        assert_eq!(resolve("POST /messages/send을(를)"), "POST /messages/send를");
        assert_eq!(resolve("campaign_id와(과) ID이(가)"), "campaign_id와 ID가");
    }

    #[test]
    fn text_without_a_pair_is_unchanged() {
        assert_eq!(resolve("(으) 로 을 를 (를)"), "(으) 로 을 를 (를)");
        assert_eq!(resolve(""), "");
    }
}
