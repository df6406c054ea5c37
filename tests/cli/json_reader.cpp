#include "cli/json_reader.hpp"

#include <cctype>
#include <stdexcept>

namespace pmrisk::testing {

namespace {

class json_parser {
 public:
  explicit json_parser(std::string_view text) : text_(text) {}

  json_value document() {
    json_value value = parse_value();
    skip_space();
    if (pos_ != text_.size()) fail("text after the document");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("invalid JSON at byte " + std::to_string(pos_) + ": " + what);
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }

  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  void expect_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) fail("expected " + std::string(word));
    pos_ += word.size();
  }

  bool is_digit() const { return peek() >= '0' && peek() <= '9'; }

  json_value parse_value() {
    skip_space();
    json_value value;
    switch (peek()) {
      case '{':
        parse_object(value);
        break;
      case '[':
        parse_array(value);
        break;
      case '"':
        value.type = json_value::kind::string;
        value.text = parse_string();
        break;
      case 't':
        expect_word("true");
        value.type = json_value::kind::boolean;
        value.boolean = true;
        break;
      case 'f':
        expect_word("false");
        value.type = json_value::kind::boolean;
        break;
      case 'n':
        expect_word("null");
        break;
      default:
        value.type = json_value::kind::number;
        value.text = parse_number();
    }
    return value;
  }

  void parse_object(json_value& value) {
    value.type = json_value::kind::object;
    expect('{');
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return;
    }
    while (true) {
      skip_space();
      std::string key = parse_string();
      skip_space();
      expect(':');
      value.members.emplace_back(std::move(key), parse_value());
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return;
      }
      expect(',');
    }
  }

  void parse_array(json_value& value) {
    value.type = json_value::kind::array;
    expect('[');
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return;
    }
    while (true) {
      value.items.push_back(parse_value());
      skip_space();
      if (peek() == ']') {
        ++pos_;
        return;
      }
      expect(',');
    }
  }

  std::string parse_string() {
    expect('"');
    std::string decoded;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return decoded;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string");
      if (c != '\\') {
        decoded += c;
        continue;
      }
      const char escape = peek();
      ++pos_;
      switch (escape) {
        case '"':
          decoded += '"';
          break;
        case '\\':
          decoded += '\\';
          break;
        case '/':
          decoded += '/';
          break;
        case 'b':
          decoded += '\b';
          break;
        case 'f':
          decoded += '\f';
          break;
        case 'n':
          decoded += '\n';
          break;
        case 'r':
          decoded += '\r';
          break;
        case 't':
          decoded += '\t';
          break;
        case 'u':
          decoded += parse_code_unit();
          break;
        default:
          fail("unknown escape");
      }
    }
  }

  // Only the escapes pmrisk writes (control characters, below 0x80) are decoded to bytes.
  char parse_code_unit() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    for (std::size_t i = pos_; i < pos_ + 4; ++i) {
      if (!std::isxdigit(static_cast<unsigned char>(text_[i]))) fail("bad \\u escape");
    }
    const unsigned long unit = std::stoul(std::string(text_.substr(pos_, 4)), nullptr, 16);
    pos_ += 4;
    if (unit >= 0x80) fail("\\u escape above 0x7f is not expected from pmrisk");
    return static_cast<char>(unit);
  }

  std::string parse_number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (is_digit()) {
      while (is_digit()) ++pos_;
    } else {
      fail("expected a value");
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit()) fail("expected a digit after the decimal point");
      while (is_digit()) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit()) fail("expected an exponent");
      while (is_digit()) ++pos_;
    }
    return std::string(text_.substr(start, pos_ - start));
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

const json_value& json_value::at(std::string_view key) const {
  for (const auto& [name, value] : members) {
    if (name == key) return value;
  }
  throw std::out_of_range("no member '" + std::string(key) + "'");
}

bool json_value::has(std::string_view key) const {
  for (const auto& member : members) {
    if (member.first == key) return true;
  }
  return false;
}

json_value parse_json(std::string_view text) {
  return json_parser(text).document();
}

}  // namespace pmrisk::testing
