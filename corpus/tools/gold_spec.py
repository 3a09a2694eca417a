"""Gold annotations for corpus/seeds, written by reading each article line by line.

Each record names its span by text (see annotate.py for the locator kinds); annotate.py
turns these into offsets.  Line numbers in comments/notes are 1-based lines of the
seed file and are for the reader only.

Conventions used here (see corpus/README.md):
* L101 broken-paragraph: span = dangling tail of the cut paragraph; the head of the
  continuation paragraph is recorded as neutral dangling-start (a checker may report
  either half of the same break).
* Defects inside an exact copy that is itself annotated as a duplicate are recorded as
  neutral when they belong to another category (the copy is the defect), and not at all
  when they are of the duplicate category (the copy's own record covers them).
"""


def S(text, occ=None, within=None, within_occ=None):
    """A snippet; unique, or the occ-th (0-based) hit; optionally inside an anchor."""
    return {"kind": "snippet", "text": text, "occ": occ, "within": within,
            "within_occ": within_occ}


def LINE(prefix, occ=None, exact=False):
    """A whole paragraph line starting with prefix (or equal to it when exact)."""
    return {"kind": "line", "prefix": prefix, "occ": occ, "exact": exact}


def LINES(prefix, last_prefix, occ=None, last_occ=None):
    """From the start of one line to the end of a later line (blank lines included)."""
    return {"kind": "lines", "prefix": prefix, "last_prefix": last_prefix, "occ": occ,
            "last_occ": last_occ}


def TAIL(prefix, text, occ=None):
    """The last characters (text) of the line starting with prefix."""
    return {"kind": "tail", "prefix": prefix, "text": text, "occ": occ}


def HEAD(prefix, text=None, occ=None):
    """The first characters (text, default prefix) of the line starting with prefix."""
    return {"kind": "head", "prefix": prefix, "text": text or prefix, "occ": occ}


def FROM(text, occ=None):
    """From a snippet to the end of its line."""
    return {"kind": "from", "text": text, "occ": occ}


_CAT = {
    "duplicate-paragraph": "duplicate", "near-duplicate-paragraph": "duplicate",
    "repeated-block": "duplicate", "repeated-passage": "duplicate",
    "phrase-loop": "duplicate", "char-stutter": "duplicate",
    "mojibake": "garbled", "image-filename": "garbled", "web-boilerplate": "garbled",
    "residual-markup": "garbled", "foreign-word": "garbled", "unbalanced-pair": "garbled",
    "incoherent": "garbled",
    "confusable-name": "ocr", "variant-char": "ocr", "swapped-chars": "ocr",
    "confusable-char": "ocr", "digit-letter": "ocr",
    "broken-paragraph": "layout", "truncated-paragraph": "layout",
    "dangling-start": "layout", "displaced-continuation": "layout",
    "interleaved-caption": "layout",
}


def R(type_, loc, note, suggestion=None):
    """A defect record (category derived from the type)."""
    return {"category": _CAT[type_], "type": type_, "loc": loc, "note": note,
            "suggestion": suggestion}


def N(type_, loc, note, suggestion=None):
    """A neutral record: suspected but not certain, neither credited nor counted."""
    return {"category": "neutral", "type": type_, "loc": loc, "note": note,
            "suggestion": suggestion}


CONT = "续段开头（与上一段断开处相接），记为中性"

# --------------------------------------------------------------------------- 000
# 平顶山专场新闻发布会答记者问 + 本报评论员文章（评论标题 + 评论正文 + 发布会问答，
# 问答内容被大量打乱、重复、截断并混入乱码式改写）。
R000 = [
    # ---- duplicate
    R("char-stutter", S("链链", within="重点产业链链培育"),
      "“产业链链”叠字，应为“产业链群”（见小标题“聚焦产业链群培育”）", "链群"),
    R("char-stutter", S("起起", within="快速崛起起工业化"), "“崛起起”叠字", "起"),
    R("phrase-loop", S("平宝、宝平", within="已建成平宝、宝平、叶叶等快速路"),
      "列举项“平宝、宝平”为同几个字的颠倒重复", "平宝"),
    R("char-stutter", S("叶叶", within="已建成平宝、宝平、叶叶等快速路"),
      "“叶叶”叠字，快速路名不成立（疑为“平叶”）", "平叶"),
    R("char-stutter", S("赛赛", within="关键科技竞赛赛的主抓手"), "“竞赛赛”叠字", "赛"),
    N("repeated-passage",
      S("科技竞赛赛的主抓手,抢抓国家强化战略科技力量和我省建设创新资源布局的历史机遇,积极推进实验", occ=0),
      "与“一是破除路径依赖”段（第111行）同一段话；按语义这里（第77行）才是混入的副本，按位置先后则第111行为后出副本"),
    R("repeated-passage",
      S("科技竞赛赛的主抓手,抢抓国家强化战略科技力量和我省建设创新资源布局的历史机遇,积极推进实验", occ=1),
      "约45字的段落片段与第77行“三是聚焦产业需求”段末尾重复（第77行为混入的副本）"),
    R("phrase-loop", S("家门口、家门口、家门口"), "“家门口”连续重复三次"),
    R("char-stutter", S("棚棚", occ=0), "“棚棚”叠字（疑为“拓展”之误）", "拓展"),
    N("repeated-passage", FROM("先后完成房屋征收安置、问题楼盘处置化解项目114个", occ=0),
      "城市建设答问中的一段话混入“和美乡村”段末，第95行为其后出副本"),
    R("phrase-loop", S("圈地圈钱、圈心圈地、圈钱圈地、圈地圈钱", occ=0),
      "同几个字的排列组合循环重复（词语回环）"),
    R("near-duplicate-paragraph", LINE("先后完成房屋征收安置"),
      "整段与第89行后半段（“先后完成……转变为发展内涵。”）完全相同"),
    R("duplicate-paragraph", LINE("二是坚持问题导向", occ=1), "与第91行完全重复"),
    R("duplicate-paragraph", LINE("一是坚持规划引领", occ=1), "与第93行完全重复"),
    R("duplicate-paragraph", LINE("一是坚持规划引领", occ=2),
      "与第93、99行完全重复（按语义此处为其原位）"),
    R("phrase-loop", S("新乡人、新乡人、新乡人", occ=0), "“新乡人”连续重复三次"),
    R("near-duplicate-paragraph", LINE("村头领头、新乡人", occ=0),
      "整段几乎全部包含于第135行末尾（自“新乡人、新乡人……”起）"),
    R("repeated-block", LINE("村头领头、新乡人", occ=1), "第137行的连续重复副本（第1个多余副本）"),
    R("repeated-block", LINE("村头领头、新乡人", occ=2), "第137行的连续重复副本（第2个多余副本）"),
    R("repeated-block", LINE("村头领头、新乡人", occ=3), "第137行的连续重复副本（第3个多余副本）"),
    N("char-stutter", S("近近", within="拉近近远"), "叠字，属乱码式改写的一部分"),
    N("char-stutter", S("城城", within="城城贯通"), "“城城贯通”可能为正常说法，也可能是叠字"),
    N("char-stutter", S("二二", within="突破二二磨"), "叠字，属乱码式改写的一部分"),
    N("char-stutter", S("湖湖", within="滨湖湖景"), "“滨湖湖景”疑为叠字（滨湖美景？）"),
    N("char-stutter", S("红红", within="网红红绿歌"), "叠字，属乱码式改写的一部分"),

    # ---- garbled
    R("foreign-word", S("and"), "标题中夹杂英文单词", "和"),
    R("web-boilerplate", LINE("编辑 朱丙强"), "版面编辑、校对署名行，夹在正文中间"),
    R("residual-markup", S("《"), "Markdown 加粗标记“**”损坏成“《”（且右侧“**”缺失）", "**"),
    R("unbalanced-pair",
      S("“", within="确立了“中国尼龙城高质量发展和白龟湖科创新城高水平建设两大发展定位", within_occ=0),
      "左引号无对应右引号（应在“建设”后闭合）"),
    N("unbalanced-pair",
      S("“", within="确立了“中国尼龙城高质量发展和白龟湖科创新城高水平建设两大发展定位", within_occ=1),
      "重复段落中的同一处引号缺失"),
    N("unbalanced-pair",
      S("“", within="确立了“中国尼龙城高质量发展和白龟湖科创新城高水平建设两大发展定位", within_occ=2),
      "重复段落中的同一处引号缺失"),
    *[N("unbalanced-pair", S("“", within="创新“支部引领、党员带动、", within_occ=k),
        "段落被截断导致引号未闭合") for k in range(5)],
    R("incoherent", S("拉近近远的创新生态不均衡化"), "语句不通（疑为“营造近悦远来的创新生态”）"),
    R("incoherent", S("生产出河南省首块8英寸碳化硅晶圆芯片“一项全国纪录”"), "语句残缺不通"),
    R("incoherent", S("这个“顶天立地”朝着“强市大行动”、“强市强省”目标砥砺前行"), "词语堆砌，语句不通"),
    R("incoherent", S("环打红草地"), "乱码式词语（疑为“网红打卡地”）"),
    R("incoherent", S("24小时应诊光明好医生惠及更多群众获得感好不好"), "词语堆砌，语句不通"),
    R("incoherent", S("是市委因势而谋全市人民众志成城“转、定、保持”的过程"), "语句不通"),
    R("incoherent", S("在市区内环“两环九放射”快速路网"), "句子缺谓语，语义不通"),
    R("incoherent", S("关键一大批关键技术"), "语序错乱（应为“等一大批关键技术”）"),
    R("incoherent", S("我们突破二二磨这一技术难度"), "乱码式语句"),
    R("incoherent", S("自去年市委明确这一路径!"), "残句，与上下文无关"),
    R("incoherent", S("与习近平总书记“更好统筹生产、生活、生态三大重要任务”转变为发展内涵", occ=0),
      "语句不通"),
    N("incoherent", S("与习近平总书记“更好统筹生产、生活、生态三大重要任务”转变为发展内涵", occ=1),
      "重复段落中的同一乱句"),
    R("incoherent", S("很多地方都备受关注城市建设和管理"), "语序错乱（应为“城市建设和管理备受关注”）"),
    R("incoherent", S("网红红绿歌"), "乱码式词语"),
    R("incoherent", S("培育新质新、新产业"), "乱码式词语（疑为“培育新业态、新产业”）"),
    N("incoherent", S("探索资源依赖和路径惯性"), "用词不当（应为“摆脱/破除资源依赖和路径惯性”）"),
    N("incoherent", S("激城市产业发展活力"), "疑脱字（“激发”）"),
    N("incoherent", S("工业互联网基地调整改造"), "疑为“老工业基地调整改造”被改写"),
    N("incoherent", S("明确责任“两个确保”"), "语句生硬，疑被改写"),
    N("incoherent", S("“冲锋者的姿态”干事创业的状态"), "引号位置与语句结构错乱"),
    N("incoherent", S("陆港经济"), "句首残缺（缺动词）"),
    N("incoherent", S("主导产业骨干企业多层次创新主体全覆盖"), "语句不通，疑被改写"),
    N("incoherent", S("十万大学生集家工程"), "工程名称不通"),
    N("incoherent", S("每天早晨上自觉起来"), "多字/语句不顺"),
    N("incoherent", S("还能以分工协作促发展、协同创新,创优势,形成新的增长极"), "与上下文无关的句子"),
    N("incoherent", S("项目—规划、空间统一布局"), "语句残缺"),
    N("incoherent", S("尼龙66工业产业链"), "疑为“尼龙66工业丝”被改写"),
    N("incoherent", S("为良好产业、人才、资本等要素创造了良好条件"), "语句不通"),
    N("incoherent", S("“人才持证+技能证书”"), "疑为“人人持证、技能河南”被改写"),
    *[N("incoherent", S("中部初期宜居", occ=k), "用词不通，疑被改写") for k in range(3)],
    N("incoherent", S("岗位规范发展"), "语句不通"),
    N("incoherent", S("引入第三方力量运营公司布局全域旅游生态“四好”"), "语句不通"),
    *[N("incoherent", S("“村”做活土", occ=k), "语句残缺") for k in range(5)],

    # ---- ocr
    R("confusable-char", S("时代之间"), "“问”误作形近字“间”（时代之问）", "时代之问"),
    R("confusable-name", S("都县", occ=0), "平顶山辖县“郏县”误作形近的“都县”", "郏县"),
    N("confusable-name", S("丰县", within="丰县获省委改革办"),
      "“丰县”不在平顶山辖区，疑脱“宝”字（宝丰县）", "宝丰县"),
    R("confusable-name", S("火山实验室"), "平顶山的省实验室为“尧山实验室”", "尧山实验室"),
    N("confusable-name", S("炼焦煤炭资源绿色开发全国重点实验室"),
      "实验室正式名称为“炼焦煤资源绿色开发全国重点实验室”（多“炭”字）",
      "炼焦煤资源绿色开发全国重点实验室"),
    R("confusable-name", S("滹河"), "平顶山市区河流为“湛河”，误作形近的“滹河”", "湛河"),
    N("confusable-name", S("太白龟湖"), "湖名为“白龟湖”，多“太”字", "白龟湖"),
    R("variant-char", S("郟县"), "繁体字“郟”", "郏县"),
    N("confusable-name", S("田湾水库"), "舞钢境内水库疑为“田岗水库”", "田岗水库"),
    R("confusable-name", S("都县", occ=1), "“郏县”误作形近的“都县”", "郏县"),
    R("swapped-chars", S("南北水调"), "固定名称“南水北调”两字颠倒", "南水北调"),
    R("confusable-char", S("湖过"), "“通过”误作“湖过”", "通过"),
    R("confusable-name", S("淇河区"), "平顶山辖区为“湛河区”（淇河区不存在，淇河在鹤壁）", "湛河区"),
    N("confusable-char", S("一城煤城半城土"), "俗语应为“一城煤灰半城土”", "一城煤灰半城土"),
    N("confusable-char", S("地属类型"), "“地属”不成词（疑为“地貌”）", "地貌类型"),
    N("confusable-char", S("七项水网先行区"), "应为“市级水网先导区”", "市级水网先导区"),
    N("confusable-char", S("三产走高潮"), "惯用语为“三产走高端”", "三产走高端"),
    N("confusable-char", S("中原腹地"), "疑为“中原煤仓”（从煤城到尼龙城）", "中原煤仓"),

    # ---- layout
    R("truncated-paragraph", TAIL("其次,坚持发挥优势", "尼龙新材料产业营"),
      "段落在词中截断（“营业收入”），下文不存在续文"),
    R("truncated-paragraph", TAIL("第二,从引导优质医疗资源", "1个国家级和2"),
      "段落在数字处截断，下文不存在续文"),
    N("broken-paragraph", LINE("这是一条攻坚克难的为民之路。", exact=True),
      "本是下一段的首句，被单独分成一段（与前两段“这是一条……之路。”体例不一）"),
    R("broken-paragraph", TAIL("二是加强水利体系连通", "以沙河、北汝河等9条河道及输排水通"),
      "段落在词中断开（“输排水通|道”），续文在下一段", "与下段“道为横轴……”连成一段"),
    N("dangling-start", HEAD("道为横轴"), CONT),
    R("broken-paragraph", TAIL("道为横轴", "南北水调中线总干渠等3条"),
      "段落在数量词处断开，续文在下一段", "与下段“输排水通道为纵轴……”连成一段"),
    N("dangling-start", HEAD("输排水通道为纵轴"), CONT),
    R("broken-paragraph", TAIL("三是聚焦产业需求", "积极推进实验"),
      "段落在词中断开（“实验|室”），下一段接续", "与下段“室、产业研究院……”连成一段"),
    N("displaced-continuation", HEAD("室、产业研究院", "室"),
      "既是上一段（第77行，混入的副本）的续文，也是第111行“积极推进实验”的原续文"),
    R("dangling-start", HEAD("了历练提升"),
      "段落以半句开头（前文“……干部得到”缺失），下文无前半句"),
    R("broken-paragraph", TAIL("一是坚持规划引领", "近年来,", occ=0),
      "段落以逗号结尾，续文为隔一段后的“先后完成房屋征收安置……”（第95行）",
      "与“先后完成房屋征收安置……”连成一段"),
    N("dangling-start", HEAD("先后完成房屋征收安置"), "以半句开头；是第93行（及第129行）“近年来,”的续文"),
    N("truncated-paragraph", TAIL("一是坚持规划引领", "近年来,", occ=1),
      "重复段落的同一处截断"),
    R("displaced-continuation", TAIL("一是坚持规划引领", "近年来,", occ=2),
      "段落以逗号结尾；续文“先后完成房屋征收安置……”印在前面第95行（及第89行段末）",
      "接第95行“先后完成房屋征收安置……”"),
    R("displaced-continuation", TAIL("一是破除路径依赖", "积极推进实验"),
      "段落在词中截断（“实验|室”）；续文“室、产业研究院等研发机构建设……”印在前面第79行",
      "接第79行“室、产业研究院等研发机构建设……”"),
    R("dangling-start", HEAD("两大重点任务以来"),
      "段落以半句开头（问题和答语开头缺失；前半句或即第89行被改乱的“自去年市委明确……”）"),
    R("truncated-paragraph", TAIL("白龟湖科创新城高水平建设方面", "按照“一核两区、一环两带”进"),
      "段落在词中截断（“进|行”），下文无续文"),
    R("truncated-paragraph",
      TAIL("平顶山的主要做法体现为", "五是突出干群协力,创新“支部引领、党员带动、"),
      "段落在列举中截断，后面只有重复的残段，无续文"),
    *[N("truncated-paragraph",
        TAIL("村头领头、新乡人", "五是突出干群协力,创新“支部引领、党员带动、", occ=k),
        "重复残段的同一处截断") for k in range(4)],
    *[N("dangling-start", HEAD("村头领头、新乡人", "村头领头", occ=k),
        "重复残段以半句开头") for k in range(4)],
]

# --------------------------------------------------------------------------- 001
# 市城乡一体化示范区建区20周年系列报道 + 同版五条短消息（报纸版面，多栏排版断段）。
R001 = [
    R("duplicate-paragraph", LINE("创全国文明城市 建美丽宜居家园", occ=1),
      "与上一行（第155行）完全重复"),
    N("repeated-passage", S("主营业务收入32.9亿元,同比增长11.3%,", occ=1),
      "同一数据在第45行已出现，可能是原文有意重述"),
    N("web-boilerplate", LINE("创全国文明城市 建美丽宜居家园", occ=0), "版面口号，非正文"),
    N("web-boilerplate", LINE("创全国文明城市 建美丽宜居家园", occ=1), "版面口号，非正文（重复）"),
    N("unbalanced-pair", S("“", within="“以人为本用在这里"), "段落断开造成引号不配对"),
    N("unbalanced-pair", S("”", within="都市村庄!”"), "段落断开造成引号不配对"),
    N("unbalanced-pair", S("“", within="按照“镇干部包村"), "段落截断造成引号不配对"),
    R("confusable-name", S("滎阳镇", occ=0),
      "示范区（今新城区）的镇为“滍阳镇”；“滎”（荥的繁体）为形近误字", "滍阳镇"),
    R("confusable-name", S("滎阳镇", occ=1), "“滍阳镇”误作“滎阳镇”", "滍阳镇"),
    N("incoherent", S("批评毁损灯箱广告"), "“批评”与宾语不搭配（疑为“清理”）"),
    R("variant-char", S("硃砂湾"), "异体字“硃”（规范字“朱”）", "朱砂湾"),
    R("broken-paragraph", LINE("该区坚持高端化、集群化、基地化", exact=True),
      "段落在句中断开，中间插入图片说明，续文为“发展方向,持续提升园区能级……”",
      "与“发展方向,……”连成一段，图片说明移出"),
    R("interleaved-caption", LINES("8月19日,工人在平高集团", "排数控加工"),
      "图片说明（含摄影署名）插在被断开的正文段落之间", "移到正文段落之外"),
    R("broken-paragraph",
      TAIL("8月19日,工人在平高集团", "该公司位于示范区,是一家专业研发、生产和销售"),
      "图片说明本身在句中断行", "与下行“配电网装备……”连成一段"),
    N("dangling-start", HEAD("配电网装备的高新技术企业"), CONT),
    R("broken-paragraph", TAIL("配电网装备的高新技术企业", "拥有数控钣金加工、绝缘件制造、母"),
      "图片说明在词中断行（“母|排”）", "与下行“排数控加工……”连成一段"),
    N("dangling-start", HEAD("排数控加工"), CONT),
    N("dangling-start", HEAD("发展方向"), CONT),
    R("broken-paragraph",
      TAIL("——集聚效能持续增强", "深入开展产业集聚区“百园增效”行动,大力推进“二次创业”,深化体制机制改革,突"),
      "段落在词中断开（“突|出”）", "与下段“出经济管理……”连成一段"),
    N("dangling-start", HEAD("出经济管理和投资服务职能"), CONT),
    R("broken-paragraph", TAIL("该区突出“大抓项目", "不断加快平顶山微医互联网医院建设"),
      "段落在句中断开（“建设|进度”）", "与下段“进度,……”连成一段"),
    N("dangling-start", HEAD("进度"), CONT),
    R("broken-paragraph", TAIL("“城市安置小区不光要", "尊重他们生活习惯和传统"),
      "引语在句中断开（“传统|习俗”）", "与下段“习俗,创新思路……”连成一段"),
    N("dangling-start", HEAD("习俗"), CONT),
    R("truncated-paragraph", TAIL("该镇把做好抗旱保秋工作", "按照“镇干部包村、村干部包组、组"),
      "段落在列举中截断，消息后半部分缺失"),
    R("broken-paragraph", TAIL("今年示范区着力健全", "定期召开推"),
      "段落在词中断开（“推|进会”）", "与下段“进会,……”连成一段"),
    N("dangling-start", HEAD("进会"), CONT),
    R("broken-paragraph", TAIL("进会,并深入一线", "突出对公共"),
      "段落在句中断开", "与下段“问题、重难点问题……”连成一段"),
    N("dangling-start", HEAD("问题、重难点问题", "问题"), CONT),
    R("broken-paragraph", TAIL("该区持续开展小区电动车", "积极开展市"),
      "段落在词中断开（“市|容”）", "与下段“容秩序……”连成一段"),
    N("dangling-start", HEAD("容秩序和环境卫生专项整治"), CONT),
]

# --------------------------------------------------------------------------- 002
# 2026年平顶山市政府工作报告（网页全文，一段一行）：排版专业，除标点外基本干净。
_LEAD = "导语摘录正文句子（按要求记为中性）"
R002 = [
    N("repeated-passage", LINE("报告中提到"), _LEAD + "，见第44行"),
    N("repeated-passage", LINE("实施骨干企业培育专项行动", occ=0), _LEAD + "，见第49行"),
    N("repeated-passage", LINE("加快推进平漯周", occ=0), _LEAD + "，见第61行"),
    N("repeated-passage", LINE("启动新一轮国资国企改革行动", occ=0), _LEAD + "，见第64行"),
    N("repeated-passage",
      S("经济增长5.5%左右,在实际工作中努力争取更好结果;规上工业增加值增长7%左右,固定资产投资增长5.5%,社会消费品零售总额增长6%", occ=1),
      "正文中与导语（第2行）相同的句子"),
    N("repeated-passage",
      S("实施骨干企业培育专项行动,支持舞钢公司、尼龙科技等优质企业转型升级,支持真实生物、五星新材等科技型企业上市。", occ=1),
      "正文中与导语（第3行）相同的句子"),
    N("repeated-passage",
      S("加快推进平漯周、焦济洛平高铁建设,叶鲁高速建成通车、焦平高速主体完工,做好鲁山机场、永灵高速、周平高速、宁洛和兰南高速加宽改造等项目前期工作。", occ=1),
      "正文中与导语（第4行）相同的句子"),
    N("repeated-passage",
      S("启动新一轮国资国企改革行动。支持国有公司采用不动产投资信托基金、资产证券化等方式盘活资产、拓宽融资渠道。", occ=1),
      "正文中与导语（第5行）相同的句子"),
    N("interleaved-caption", LINE("2月7日上午"), "题图说明，位置合理（题下、正文前）"),
    R("web-boilerplate", LINE("【责任编辑"), "网页页脚的责任编辑、审核署名行"),
]

# --------------------------------------------------------------------------- 003
# 鹤壁新闻网：鹤壁专场答记者问（网页抓取，含面包屑、图片文件名、版权页脚、评论表单）。
_IMG = "图片文件名残留（QQ截图），非正文"
R003 = [
    R("web-boilerplate", LINE("首页 > 幻灯"), "网页面包屑导航"),
    R("web-boilerplate", LINE("来源:鹤壁新闻网"), "网页来源/日期行"),
    *[R("image-filename", S(f"QQ截图202409290907{n}.jpg"), _IMG)
      for n in ("04", "13", "20", "31", "37", "44")],
    N("confusable-char", S("小升规"), "河南创新型企业梯次培育通行提法为“微成长、小升高、高变强”", "小升高"),
    R("web-boilerplate", LINE("责任编辑:樊翠翠"), "网页页脚编辑/审核/值班署名"),
    R("web-boilerplate", LINE("鹤壁新闻网版权与免责声明"), "网页版权声明标题"),
    R("web-boilerplate", LINE("凡本网注明"), "网页版权声明正文"),
    R("web-boilerplate", LINE("鹤壁新闻网授权咨询"), "网页授权咨询电话"),
    R("web-boilerplate", LINE("姓名:", exact=True), "网页表单标签"),
    R("web-boilerplate", LINE("电话:", exact=True), "网页表单标签"),
    R("web-boilerplate", LINE("提交", exact=True), "网页表单按钮"),
]

# --------------------------------------------------------------------------- 004
# 报纸整版通讯（多栏排版）：续文错位、图片说明/署名混入正文。
R004 = [
    N("near-duplicate-paragraph", LINE("乘风破浪正当时", occ=0),
      "导语与结尾段（第175行）几乎相同"),
    N("near-duplicate-paragraph", LINE("乘风破浪正当时", occ=1),
      "与导语第13行几乎相同（仅少“2021年,”），可能是原文首尾呼应"),
    R("broken-paragraph", TAIL("市级权限应放尽放", "平顶"),
      "段落在地名中断开（“平顶|山市”）", "与下段“山市政府出台……”连成一段"),
    N("dangling-start", HEAD("山市政府出台"), CONT),
    R("displaced-continuation", TAIL("在服务上,平顶山高新区秉承", "在服务上,平顶山高新区秉承“随叫随到、不"),
      "段落在引语中截断；续文“叫不到、说到做到、服务周到”……”印在后面第151行",
      "接第151行“叫不到、说到做到……”"),
    N("unbalanced-pair", S("“", within="秉承“随叫随到"), "续文错位造成引号不配对"),
    R("displaced-continuation", HEAD("研发平台与机构数增长163%"),
      "段落以半句开头；前半句“……科技型中小企业数增长186%,各类”在后面第161行",
      "接在第161行“各类”之后"),
    R("displaced-continuation", TAIL("2020年,平顶山高新区累计为招商引资企业", "利用外资3326.5"),
      "段落在数字处截断；单位和续文“万美元,……”印在后面第173行", "接第173行“万美元,……”"),
    R("interleaved-caption", LINE("2020年4月27日,平煤隆基"), "图片说明混入正文（位于被截断段落与其续文之间）",
      "移出正文"),
    R("interleaved-caption", LINE("2020年7月15日,广电运通"), "图片说明混入正文", "移出正文"),
    R("interleaved-caption", LINE("平顶山高新区", exact=True), "孤立的图片来源/说明行混入正文",
      "移出正文"),
    R("displaced-continuation", HEAD("叫不到、说到做到", "叫不到"),
      "段落以半句开头；前半句“在服务上,平顶山高新区秉承“随叫随到、不”在前面第75行",
      "接在第75行末尾"),
    N("unbalanced-pair", S("”", within="服务周到”的理念"), "续文错位造成引号不配对"),
    N("incoherent", S("该发展"), "疑脱字（“该市发展”/“全市发展”）"),
    N("incoherent", S("在亚太区域在平顶山工厂"), "两个“在”连用，语句不顺"),
    N("incoherent", S("越能够“两个维护”"), "疑脱“把”字"),
    R("displaced-continuation", TAIL("科技创新实力持续增强", "各类"),
      "段落在句中截断；续文“研发平台与机构数增长163%……”印在前面第77行",
      "接第77行“研发平台与机构数增长163%……”"),
    R("interleaved-caption", LINE("伊顿工业园厂房", exact=True), "图片说明混入正文", "移出正文"),
    R("interleaved-caption", LINE("田正/摄 中原电气城", exact=True),
      "图片署名与另一图片说明混入正文", "移出正文"),
    R("interleaved-caption", LINE("薛大平/摄", exact=True), "图片署名混入正文", "移出正文"),
    R("displaced-continuation", HEAD("万美元"),
      "段落以单位开头；前半句“……利用外资3326.5”在前面第125行", "接在第125行末尾"),
    N("web-boilerplate", LINE("本版图片来源"), "版面图片来源行（报纸版面常规，非正文）"),
]

RECORDS = {
    "000_f6cb8ddde45fba85": R000,
    "001_28e5f8ebddb19075": R001,
    "002_fa673bd64aa01c91": R002,
    "003_9833e333b5bcdff6": R003,
    "004_d2c4ace31d8b85b4": R004,
}

# ---------------------------------------------------------------- typography review
# T101: every half-width , : ; ! ? ( ) was generated; the review found no false hits
# (no times, URLs, decimals or English text use these marks in the seeds), so nothing
# is excluded.  Entries would be the 9-character context around the mark.
TYPO_T101_EXCLUDE: dict[str, set[str]] = {}

# T102: every space touching Chinese text was generated and reviewed.  (key, category,
# note): key is the space with one character either side, or "LINE:" + line prefix.
_HEAD = "标题两部分之间的空格（按标题排版惯例，不算错）"
_BYLINE = "署名中分隔人名/职务的空格（不算错）"
SPACE_REVIEW: dict[str, list[tuple[str, str, str]]] = {
    "000_f6cb8ddde45fba85": [
        ("! 先", "typography", "半角叹号后多余空格"),
        ("LINE:## ", "neutral", _HEAD),
        ("LINE:编辑 朱丙强", "neutral", _BYLINE),
        ("LINE:10月14日上午", "neutral", "引用的标题两部分之间的空格"),
        ("LINE:(本报记者 孙鹏飞", "neutral", _BYLINE),
    ],
    "001_28e5f8ebddb19075": [
        ("LINE:风华正茂二十载", "neutral", _HEAD),
        ("LINE:排数控加工", "neutral", "图片说明与摄影署名之间的空格"),
        ("LINE:(本报记者 张亚丹)", "neutral", _BYLINE),
        ("LINE:接待有温度", "neutral", _HEAD),
        ("LINE:再部署", "neutral", _HEAD),
        ("LINE:创全国文明城市", "neutral", "口号两部分之间的空格"),
    ],
    "002_fa673bd64aa01c91": [
        ("尚 】", "typography", "括号内多余空格"),
        ("波 】", "typography", "括号内多余空格"),
        ("念 】", "typography", "括号内多余空格"),
        ("】 【", "neutral", "页脚字段之间的分隔空格"),
        ("LINE:平顶山市人民政府市长", "neutral", _BYLINE),
        ("LINE:2月7日上午", "neutral", "图片说明与摄影署名之间的空格"),
    ],
    "003_9833e333b5bcdff6": [
        ("LINE:首页 > 幻灯", "neutral", "面包屑分隔符两侧的空格（整行为网页残留）"),
        ("LINE:△我市锚定", "neutral", "行尾不换行空格（NBSP）"),
    ],
    "004_d2c4ace31d8b85b4": [
        ("LINE:► 贾法泉", "neutral", _BYLINE),
        ("LINE:田正/摄 中原电气城", "neutral", "两条图片署名/说明之间的空格"),
    ],
}
