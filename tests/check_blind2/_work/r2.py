# 溪川市生态环境局临河分局 2023 (.txt)  planted: pct_change, counted_list, same_quantity
from lib import *
R = 'R2'
FILE = 'linhe_shengtai_2023.txt'
DEPT = '溪川市生态环境局临河分局'

P, P0 = D('4215680.30'), D('4086112.70')
U, U0 = D('612480.55'), D('655920.10')
B, B0 = P + U, P0 + U0
items = [
    ('大气污染防治专项经费', D('1264000.00'), D('1800000.00')),
    ('水污染防治及河道巡查经费', D('1085630.00'), D('962400.00')),
    ('环境监测运维经费', D('1426385.20'), D('1318760.00')),
    ('生态环境执法装备购置经费', D('386500.00'), D('0')),
    ('生态环境宣传教育经费', D('148223.00'), D('173500.00')),
]
J = sum(i[1] for i in items); J0 = sum(i[2] for i in items)
T, T0 = B + J, B0 + J0
BUD = D('9402300.00')
CAR, CAR0, REC = 18650, 21300, 2140
PROC_B, PROC_A = D('865000'), D('832560')
GOOD, GOOD0 = 312, 303
FINE, FINE0 = D('2156400.00'), D('1832000.00')
PET_TEL, PET_NET, PET_VIS = 268, 131, 27
PET = PET_TEL + PET_NET + PET_VIS
PET_ONTIME = 419

w = wan
lines = []
L = lines.append
F = []

L(f'{DEPT}2023年度部门整体支出绩效自评报告')
L('按照《溪川市财政局关于开展2023年度部门整体支出绩效自评工作的通知》（溪财绩〔2024〕3号）要求，我分局成立了以分局长为组长的自评工作小组，于2024年3月4日至3月15日对２０２３年度部门整体支出情况进行了自评，现将自评情况报告如下：')
L('一、部门（单位）基本情况')
L('（一）职能职责。负责辖区生态环境保护统一监督管理，组织实施大气、水、土壤污染防治，承担生态环境执法、环境监测、环境信访受理和突发环境事件应急处置等工作。')
L('（二）机构设置。分局内设机构4个，分别为综合办公室、生态环境保护综合执法大队、生态环境监测站。')
F.append(dict(marker='分局内设机构4个', stated='4个', recomputed='3个', kind='counted_list',
              working='分别为 综合办公室、生态环境保护综合执法大队、生态环境监测站 = 3 items → 3个'))
L('（三）人员编制。核定编制25名，其中行政编制9名、事业编制16名；2023年末实有在编人员23人，其中行政人员8人、事业人员15人；另聘用编外人员４人，主要从事执法辅助和监测采样工作。')
check(R, 'parts_sum', lambda a, b: a + b, ['9', '16'], '25')
check(R, 'parts_sum', lambda a, b: a + b, ['8', '15'], '23')
L('二、部门预算执行情况')
L(f'2023年分局调整后预算总计{w(BUD)}万元，全年实际支出{w(T)}万元，预算执行率为{pct(T, BUD, 2)}％，未执行部分主要为执法装备采购结余资金。')
check(R, 'rate', lambda a, b: a / b * 100, [w(T), w(BUD)], pct(T, BUD, 2))
L(f'2023年度部门支出总计 {w(T)} 万元，比2022年多{w(T-T0)}万元，增幅为{pct(T-T0, T0)}%。其中：基本支出{w(B)}万元，所占比例为{pct(B, T)}％；项目支出{w(J)}万元，所占比例为{pct(J, T)}%。')
check(R, 'pct_change', lambda c, d: d / (c - d) * 100, [w(T), w(T-T0)], pct(T-T0, T0))
check(R, 'parts_sum', lambda a, b: a + b, [w(B), w(J)], w(T))
check(R, 'share', lambda a, b: a / b * 100, [w(B), w(T)], pct(B, T))
check(R, 'change_sum', lambda b, b0, j: (b - b0) + j, [w(B), w(B0), w(J-J0)], w(T-T0), note='total chg vs basic chg (from prior) + project chg')
check(R, 'share', lambda a, b: a / b * 100, [w(J), w(T)], pct(J, T))
L('（一）基本支出')
L(f'基本支出{w(B)}万元，2022年同期为{w(B0)}万元。其中人员经费{w(P)}万元，与2022年同期相比增加{w(P-P0)}万元，增长{pct(P-P0, P0)}％，主要是职工基本养老保险缴费基数调整；公用经费{w(U)}万元，比2022年少{w(U0-U)}万元，下降了{pct(U0-U, U0)}%，主要原因是压减会议费、培训费和差旅费。')
check(R, 'parts_sum', lambda a, b: a + b, [w(P), w(U)], w(B))
check(R, 'change_sum', lambda b, b0, x, y: abs((b - b0) - (x - y)), [w(B), w(B0), w(P-P0), w(U0-U)], '0.00', note='B-B0 vs P chg - U chg (stated 0.00 = difference)')
check(R, 'pct_change', lambda c, d: d / (c - d) * 100, [w(P), w(P-P0)], pct(P-P0, P0))
check(R, 'pct_change', lambda c, d: d / (c + d) * 100, [w(U), w(U0-U)], pct(U0-U, U0))
L('（二）项目支出')
names = '、'.join(i[0].replace('经费', '') for i in items)
L(f'2023年分局共实施５个项目，分别为{names}，项目支出合计{w(J)}万元，比上年增加{w(J-J0)}万元。')
check(R, 'parts_sum', lambda *a: sum(a), [w(i[1]) for i in items], w(J))
chg_args = [w(abs(i[1] - i[2])) for i in items]
check(R, 'change_sum', lambda a, b, c, d, e: -a + b + c + d - e, chg_args, w(J-J0))
a, a0 = items[0][1], items[0][2]
WRONG = pct(a0 - a, a)
RIGHT = pct(a0 - a, a0)
L(f'1. {items[0][0]} {w(a)} 万元，比2022年少{w(a0-a)}万元，降幅{WRONG}%，主要原因是2022年实施的燃煤锅炉淘汰补助项目已于当年完成，本年度仅安排餐饮油烟治理和扬尘在线监控运维支出。')
check(R, 'pct_change', lambda c, d: d / (c + d) * 100, [w(a), w(a0-a)], WRONG, planted=True)
F.append(dict(marker=f'降幅{WRONG}%', stated=f'{WRONG}%', recomputed=f'{RIGHT}%', kind='pct_change',
              working=f'{w(a0-a)} ÷ ({w(a)} + {w(a0-a)}) = {float((a0-a)/a0):.5f} → {RIGHT}%'))
a, a0 = items[1][1], items[1][2]
L(f'2. {items[1][0]}{w(a)}万元，2022年同期为{w(a0)}万元，增幅为{pct(a-a0, a0)}％，主要是新增2条区级河道的日常巡查保洁。')
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(a), w(a0)], pct(a-a0, a0))
a, a0 = items[2][1], items[2][2]
L(f'3. {items[2][0]}{w(a)}万元，较2022年增加{w(a-a0)}万元，增长{pct(a-a0, a0)}%，主要用于空气自动监测子站运维及委托第三方开展土壤、地下水监测。')
check(R, 'pct_change', lambda c, d: d / (c - d) * 100, [w(a), w(a-a0)], pct(a-a0, a0))
a = items[3][1]
L(f'4. {items[3][0]}{w(a)}万元，为2023年新增项目，购置执法无人机2架、便携式VOCs检测仪3台、执法记录仪12部。')
a, a0 = items[4][1], items[4][2]
L(f'5. {items[4][0]}{w(a)}万元，比2022年的{w(a0)}万元减少{w(a0-a)}万元，主要用于“六五”环境日宣传活动及宣传资料印制。')
check(R, 'prior_value', lambda c, p: p - c, [w(a), w(a0)], w(a0-a))
L('（三）“三公”经费及政府采购')
L(f'2023年“三公”经费支出{cnt(CAR+REC)}元，其中公务用车运行维护费{cnt(CAR)}元，2022年同期为{cnt(CAR0)}元，下降{pct(CAR0-CAR, CAR0)}%；公务接待费{cnt(REC)}元；无因公出国（境）费和公务用车购置费。全年政府采购预算86.5万元，实际完成政府采购{w(PROC_A)}万元，政府采购执行率{pct(PROC_A, PROC_B, 2)}%。')
check(R, 'parts_sum', lambda a, b: a + b, [cnt(CAR), cnt(REC)], cnt(CAR+REC))
check(R, 'pct_change', lambda c, p: (p - c) / p * 100, [cnt(CAR), cnt(CAR0)], pct(CAR0-CAR, CAR0))
check(R, 'rate', lambda a, b: a / b * 100, [w(PROC_A), '86.5'], pct(PROC_A, PROC_B, 2))
L('三、部门整体支出绩效情况')
r1, r0 = pct(GOOD, 365), pct(GOOD0, 365)
L(f'（一）环境质量持续改善。2023年辖区空气质量优良天数{GOOD}天，优良率{r1}%，较2022年的{r0}%提高{fmt(D(r1)-D(r0), 1, False)}个百分点；细颗粒物（PM2.5）年均浓度32微克/立方米，比上年下降1微克/立方米。辖区3个国控、省控断面水质达标率均为100%，集中式饮用水水源地水质达标率保持100%。')
check(R, 'rate', lambda a, b: a / b * 100, [str(GOOD), '365'], r1)
check(R, 'pp', lambda a, b: a - b, [r1, r0], fmt(D(r1)-D(r0), 1, False))
L(f'（二）执法监管保持高压。全年开展“双随机、一公开”等执法检查1,126家次，立案查处环境违法案件37件，罚没款{w(FINE)}万元，2022年为{w(FINE0)}万元，增长{pct(FINE-FINE0, FINE0)}%；办理按日连续处罚、查封扣押等配套办法案件5件。')
check(R, 'pct_change', lambda c, p: (c - p) / p * 100, [w(FINE), w(FINE0)], pct(FINE-FINE0, FINE0))
L(f'（三）环境信访及时办理。全年受理环境信访投诉{PET}件，其中来电{PET_TEL}件、网络平台{PET_NET}件、来信来访{PET_VIS}件，已全部办结；按期办结{PET_ONTIME}件，按期办结率{pct(PET_ONTIME, PET, 2)}%。群众回访满意率96.5%，高于90%的年度目标值。')
check(R, 'parts_sum', lambda a, b, c: a + b + c, [str(PET_TEL), str(PET_NET), str(PET_VIS)], str(PET))
check(R, 'rate', lambda a, b: a / b * 100, [str(PET_ONTIME), str(PET)], pct(PET_ONTIME, PET, 2))
L('（四）监测能力不断提升。全年完成水、气、土壤、噪声等各类监测样品3,284个，获取有效监测数据近万个，空气自动监测站数据有效率在95%—98%之间。')
L('（五）自评结论。对照年初设定的绩效目标，分局2023年度部门整体支出综合自评得分91.2分，等级为“优”。')
L('四、存在的问题及原因分析')
L('（一）项目前期论证不够充分。个别项目预算编制时对采购价格调研不足，造成年中调整，影响预算执行进度。')
WRONGQ = int(str(PET)[0] + str(PET)[2] + str(PET)[1])
L(f'（二）环境信访压力依然较大。2023年受理的{WRONGQ}件环境信访投诉中，涉及餐饮油烟、夜间施工噪声的占六成以上，反映出城区生活源污染问题仍较突出，部分投诉反复发生。')
F.append(dict(marker=f'受理的{WRONGQ}件', stated=f'{WRONGQ}件', recomputed=f'{PET}件', kind='same_quantity',
              working=f'全年受理环境信访投诉{PET}件 (stated earlier, 2023) ≠ {WRONGQ}件 → {PET}件'))
check(R, 'same_quantity', lambda a: a, [str(PET)], str(WRONGQ), planted=True)
L('（三）监测设备老化。部分监测设备已使用10年以上，故障率偏高，更新资金缺口约30万元。')
L('五、下一步改进措施')
L('（一）加强预算编制的前期论证，严格按照《溪川市市级财政项目支出预算管理办法》第八条的要求做好项目储备。（二）深化油烟、噪声专项治理，力争2024年空气质量优良率达到86%以上、PM2.5年均浓度控制在31微克/立方米以内。（三）积极争取上级专项资金，分年度更新老旧监测设备。')
L('六、其他需要说明的情况')
L('本部门2023年度无政府性基金预算支出、国有资本经营预算支出和社会保险基金预算支出。')

WARNINGS = []
TRAPS = [
    dict(marker='溪财绩〔2024〕3号', text='（溪财绩〔2024〕3号）', why='document number'),
    dict(marker='于2024年3月4日至3月15日', text='于2024年3月4日至3月15日对２０２３年度部门整体支出情况进行了自评', why='dates, full-width year'),
    dict(marker='政府采购预算86.5万元', text='全年政府采购预算86.5万元', why='trailing zero dropped (86.5 = 86.50); rate below follows from it'),
    dict(marker='比上年下降1微克/立方米', text='细颗粒物（PM2.5）年均浓度32微克/立方米，比上年下降1微克/立方米', why='concentration, not money or count'),
    dict(marker='占六成以上', text='占六成以上', why='approximate share in words'),
    dict(marker='回访满意率96.5%', text='群众回访满意率96.5%，高于90%的年度目标值', why='rate without counts and a target'),
    dict(marker='近万个', text='获取有效监测数据近万个', why='approximate count'),
    dict(marker='95%—98%之间', text='空气自动监测站数据有效率在95%—98%之间', why='range of percentages'),
    dict(marker='更新资金缺口约30万元', text='更新资金缺口约30万元', why='approximate amount'),
    dict(marker='达到86%以上', text='力争2024年空气质量优良率达到86%以上', why='target percentage'),
    dict(marker='第八条', text='第八条', why='article number'),
]
