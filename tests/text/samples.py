"""Sample sentences for every script the leaflets need (a few words each)."""

# language, text, right-to-left, script tag the text is mostly in
SAMPLES = {
    "en": ("Office staff find the first file: call 020 8547 6111.", False, "Latn"),
    "pl": ("Zażółć gęślą jaźń: informacja dla rodziców.", False, "Latn"),
    "ro": ("Informații pentru părinți și îngrijitori.", False, "Latn"),
    "el": ("Ενημέρωση για γονείς και φροντιστές.", False, "Grek"),
    "ru": ("Информация для родителей и опекунов.", False, "Cyrl"),
    "ar": ("معلومات للآباء ومقدمي الرعاية، اتصل على 020 8547 6111 أو safeguarding.children@rbk.kingston.gov.uk", True, "Arab"),
    "fa": ("پدر و مادر گرامی، این برگه با ژاله و چند گزارش است.", True, "Arab"),
    "ur": ("والدین اور دیکھ بھال کرنے والوں کے لیے معلومات۔ فون 020 8547 6111 کریں۔", True, "Arab"),
    "bn": ("পিতামাতা ও যত্নকারীদের জন্য তথ্য। ক্ষমা কর্মী স্ট্রিট", False, "Beng"),
    "pa": ("ਮਾਪਿਆਂ ਅਤੇ ਦੇਖਭਾਲ ਕਰਨ ਵਾਲਿਆਂ ਲਈ ਜਾਣਕਾਰੀ।", False, "Guru"),
    "gu": ("માતાપિતા અને સંભાળ રાખનારાઓ માટે માહિતી.", False, "Gujr"),
    "hi": ("माता-पिता और देखभाल करने वालों के लिए जानकारी।", False, "Deva"),
    "ne": ("आमाबुबा र हेरचाह गर्नेहरूका लागि जानकारी।", False, "Deva"),
    "ta": ("பெற்றோர் மற்றும் பராமரிப்பாளர்களுக்கான தகவல்.", False, "Taml"),
    "ti": ("ንወለድን ሓለውትን ዝኸውን ሓበሬታ።", False, "Ethi"),
    "am": ("ለወላጆች እና ለተንከባካቢዎች መረጃ።", False, "Ethi"),
    "ko": ("부모와 보호자를 위한 안내입니다. 전화 020 8547 6111", False, "Hang"),
    "zh-Hans": ("给父母和照顾者的信息。请致电020 8547 6111。", False, "Hani"),
    "zh-Hant": ("給父母和照顧者的資訊。請致電。", False, "Hani"),
}
