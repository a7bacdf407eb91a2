// Passwords people choose first, long enough to pass the length rule (shorter ones are refused anyway):
// the ten-plus-character entries and keyboard walks of the widely published leaked-password top lists,
// their Russian-layout forms, and the base words that are only padded with digits or symbols.
export const COMMON_PASSWORDS: readonly string[] = [
  '1234567890', '0987654321', '12345678910', '123456789a', '1234567890q', '123123123123', '1234512345',
  '1122334455', '1212121212', '1111122222', '1234554321', '0123456789', '9876543210', '11223344556677',
  'qwertyuiop', 'qwertyuiop[]', 'qwerty1234', 'qwerty12345', 'qwerty123456', 'qwertyqwerty', 'qwerty123!',
  '1q2w3e4r5t', '1q2w3e4r5t6y', 'q1w2e3r4t5', 'q1w2e3r4t5y6', '1qaz2wsx3edc', 'zaq12wsxcde3', '1qazxsw23edc',
  'zaq1xsw2cde3', 'asdfghjkl;', 'asdfghjkl1', 'zxcvbnm123', 'zxcvbnm,./', 'qazwsxedcrfv', 'qweasdzxc123',
  'asdfasdfasdf', 'abcdefghij', 'abcdefg123', 'abc1234567', 'abcd123456', 'a1b2c3d4e5', 'aa12345678',
  'password123', 'password1234', 'password12', 'password1!', 'passw0rd123', 'p@ssw0rd123', 'password2024',
  'password2025', 'password2026', 'iloveyou12', 'iloveyou123', 'princess12', 'sunshine12', 'football12',
  'baseball12', 'superman12', 'starwars12', 'welcome123', 'welcome1234', 'letmein123', 'trustno1234',
  'administrator', 'admin12345', 'admin123456', 'administrator1', 'rootroot12', 'changeme123', 'changeme12',
  'computer12', 'internet12', 'samsung123', 'nokia12345', 'michael123', 'jordan2323', 'monkey1234',
  'dragon1234', 'master1234', 'shadow1234', 'killer1234', 'chocolate1', 'butterfly1', 'basketball',
  'basketball1', 'football123', 'volleyball', 'watermelon', 'strawberry', 'pineapple1', 'motherfucker',
  'fuckyou123', 'hellokitty', 'hello12345', 'helloworld', 'unbelievable', 'whatever12', 'qwerty2024',
  'йцукенгшщз', 'йцукенгшщзхъ', 'фывапролдж', 'ячсмитьбю', 'пароль1234', 'пароль12345', 'парольпароль',
  'привет1234', 'привет12345', 'люблютебя1', 'любовь1234', 'наташа1234', 'школа12345', 'учитель123',
  'directory1', 'parol12345', 'parolparol', 'privet1234', 'ljubov1234', 'lubov12345', 'natasha123',
  'marina1234', 'svetlana12', 'vfhbyf1234', 'gfhjkm1234', 'ghbdtn1234', 'rfrfirf12',
  'zadrotstvo', 'medk123456', 'medk-12345', 'shkola1234', 'school1234', 'school12345', 'teacher123',
  'student123', 'director12', 'direktor12', 'qwerty-123', '1234qwerasdf', '1q2w3e4r5t6y7u', '7777777777',
];

/** Words that stay weak whatever digits or symbols are added before or after them. */
export const COMMON_WORDS: readonly string[] = [
  'password', 'passw0rd', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'asdfgh', 'zxcvbn', 'iloveyou', 'admin', 'administrator',
  'welcome', 'letmein', 'monkey', 'dragon', 'master', 'shadow', 'sunshine', 'princess', 'football', 'baseball',
  'superman', 'starwars', 'changeme', 'secret', 'login', 'user', 'test', 'guest', 'root', 'medk', 'school',
  'shkola', 'parol', 'privet', 'пароль', 'привет', 'школа', 'йцукен', 'фывапролдж', 'любовь', 'учитель', 'директор',
  'abc', 'abcdef', 'demo',
];
