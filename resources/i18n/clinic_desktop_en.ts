<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="36"/>
        <source>运行环境</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="37"/>
        <source>Qt 6 界面</source>
        <translation>Qt 6 interface</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="38"/>
        <source>Qt 绑定</source>
        <translation>Qt bindings</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="39"/>
        <location filename="../../clinic_desktop/ui/about.py" line="53"/>
        <location filename="../../clinic_desktop/ui/about.py" line="54"/>
        <location filename="../../clinic_desktop/ui/about.py" line="55"/>
        <location filename="../../clinic_desktop/ui/about.py" line="56"/>
        <source>图表</source>
        <translation>Charts</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="40"/>
        <source>计算</source>
        <translation>Computation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="41"/>
        <location filename="../../clinic_desktop/ui/about.py" line="100"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="42"/>
        <location filename="../../clinic_desktop/ui/about.py" line="43"/>
        <location filename="../../clinic_desktop/ui/about.py" line="44"/>
        <source>数据库升级</source>
        <translation>Database upgrades</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="45"/>
        <location filename="../../clinic_desktop/ui/about.py" line="46"/>
        <source>Excel 读写</source>
        <translation>Excel files</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="47"/>
        <source>Excel / WPS 表格读取</source>
        <translation>Excel / WPS spreadsheets</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="48"/>
        <source>拼音搜索</source>
        <translation>Pinyin search</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="49"/>
        <source>农历生日</source>
        <translation>Lunar birthdays</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="50"/>
        <location filename="../../clinic_desktop/ui/about.py" line="101"/>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="51"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="52"/>
        <source>字体</source>
        <translation>Fonts</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="57"/>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="58"/>
        <location filename="../../clinic_desktop/ui/about.py" line="144"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="84"/>
        <source>关于私域助手</source>
        <translation>About Clinic Desktop</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="90"/>
        <source>离线运行：所有数据只保存在这台电脑上，除非您自己导出。</source>
        <translation>Runs offline: all data stays on this computer unless you export it.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="94"/>
        <location filename="../../clinic_desktop/ui/about.py" line="96"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="102"/>
        <source>日志文件夹</source>
        <translation>Log folder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="116"/>
        <source>程序库许可</source>
        <translation>Library licences</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="122"/>
        <source>内置中文字体 %1，SIL 开源字体许可证 1.1（OFL）：</source>
        <translation>Bundled Chinese font %1, SIL Open Font License 1.1 (OFL):</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="127"/>
        <source>字体许可</source>
        <translation>Font licence</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="144"/>
        <source>组件</source>
        <translation>Component</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="144"/>
        <source>用途</source>
        <translation>Used for</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="144"/>
        <source>许可证</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/about.py" line="157"/>
        <source>Qt 与 PySide6 以 LGPL-3.0 授权，随程序以动态库形式提供，可自行替换。</source>
        <translation>Qt and PySide6 are licensed under the LGPL-3.0 and ship as shared libraries, which you may replace.</translation>
    </message>
</context>
<context>
    <name>AccessGuard</name>
    <message>
        <location filename="../../clinic_desktop/ui/access/guard.py" line="72"/>
        <source>当前：%1</source>
        <extracomment>the acting role (or whether roles are on, or the staff options) changed: re-read ``db.access``</extracomment>
        <translation>Now: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/guard.py" line="73"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/guard.py" line="73"/>
        <source>店主登录</source>
        <translation>Owner sign-in</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="147"/>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="189"/>
        <source>没有打开：%1</source>
        <translation>Not opened: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="190"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="239"/>
        <source>正在恢复…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="247"/>
        <source>已从备份恢复 %1 位患者。恢复前的数据库已自动备份。</source>
        <translation>Restored %1 patients from the backup. The database as it was before has been backed up automatically.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="251"/>
        <source>备份里有 %1 位在备份之后被删除的患者，已再次删除。</source>
        <translation> The backup held %1 patient(s) erased after it was taken; they were erased again.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="255"/>
        <location filename="../../clinic_desktop/ui/app.py" line="264"/>
        <location filename="../../clinic_desktop/ui/app.py" line="274"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="275"/>
        <source>没有恢复，数据库未改动：%1</source>
        <translation>Nothing restored; the database is unchanged: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/app.py" line="185"/>
        <location filename="../../clinic_desktop/ui/app.py" line="314"/>
        <source>这个数据库已在另一个私域助手窗口中打开，已切换到那个窗口。</source>
        <translation>This database is already open in another window of the app; that window has been brought forward.</translation>
    </message>
</context>
<context>
    <name>AppointmentForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="215"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="216"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="217"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>AppointmentsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="110"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="111"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="113"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>ArchiveActions</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="50"/>
        <source>归档患者 %1？</source>
        <translation>Archive patient %1?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="52"/>
        <source>归档选中的 %1 位患者？</source>
        <translation>Archive the %1 selected patients?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="53"/>
        <source>归档后不再出现在患者列表、回访名单、数据看板和各项统计中，也不参与 ERS 排名；所有记录都保留，可在患者列表的“已归档”中找到并随时取消归档。此操作会记入操作日志。</source>
        <translation>Archived patients leave the patient list, call lists, the dashboard and every count, and take no part in the ERS ranking. All their records are kept: find them under “Archived” in the patient list and un-archive them at any time. This is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="59"/>
        <source>取消归档患者 %1？</source>
        <translation>Un-archive patient %1?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="61"/>
        <source>取消归档选中的 %1 位患者？</source>
        <translation>Un-archive the %1 selected patients?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="62"/>
        <source>他们将重新出现在列表、名单和统计中。此操作会记入操作日志。</source>
        <translation>They will appear again in the list, call lists and counts. This is recorded in the audit log.</translation>
    </message>
</context>
<context>
    <name>ArchiveButton</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="79"/>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="99"/>
        <source>归档</source>
        <extracomment>the patients whose state was set (metrics already recomputed)</extracomment>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="80"/>
        <source>归档或取消归档列表中选中的患者（Ctrl+A 选中筛选出的全部）</source>
        <translation>Archive or un-archive the patients selected in the list (Ctrl+A selects everyone shown)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="83"/>
        <source>归档所选患者…</source>
        <translation>Archive selected patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="84"/>
        <source>取消归档所选患者…</source>
        <translation>Un-archive selected patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="99"/>
        <source>取消归档</source>
        <translation>Un-archive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="102"/>
        <source>请先在列表中选中患者（可先筛选，再按 Ctrl+A 全选）。</source>
        <translation>Select patients in the list first (filter it, then Ctrl+A selects them all).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="112"/>
        <source>已归档 %1 位患者（其余 %2 位原本已归档）。</source>
        <translation>Archived %1 patients (the other %2 were archived already).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="114"/>
        <source>已取消归档 %1 位患者（其余 %2 位原本未归档）。</source>
        <translation>Un-archived %1 patients (the other %2 were not archived).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/archive_actions.py" line="127"/>
        <source>正在保存并重新计算…</source>
        <translation>Saving and recomputing…</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="79"/>
        <source>操作日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="81"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="83"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="90"/>
        <source>全部操作</source>
        <translation>All actions</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="92"/>
        <source>全部角色</source>
        <translation>All roles</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="95"/>
        <source>（启用权限前）</source>
        <translation>(before roles)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="96"/>
        <source>内容包含…（文件名、设置项等）</source>
        <translation>Detail contains… (file name, setting …)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="99"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="114"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="116"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="166"/>
        <source>显示最新的 %1 条（导出包含全部符合条件的记录）</source>
        <translation>Showing the newest %1 (the export has every matching row)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="169"/>
        <source>共 %1 条</source>
        <translation>%1 rows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="173"/>
        <source>读取失败：%1</source>
        <translation>Could not read: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="180"/>
        <source>导出操作日志</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="182"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="190"/>
        <source>操作日志_%1.xlsx</source>
        <translation>audit-log_%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="198"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="210"/>
        <source>正在导出操作日志…</source>
        <translation>Exporting the audit log…</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="63"/>
        <source>时间</source>
        <extracomment>the role filter&apos;s &quot;rows from before roles were turned on&quot; (no user recorded)</extracomment>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="64"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="65"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/audit_dialog.py" line="67"/>
        <source>内容</source>
        <translation>Detail</translation>
    </message>
</context>
<context>
    <name>AutoBackupRunner</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/auto_backup.py" line="51"/>
        <source>已自动备份 %1 位患者（已校验）</source>
        <translation>Backed up %1 patients automatically (verified)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/auto_backup.py" line="55"/>
        <source>自动备份失败：%1</source>
        <translation>Automatic backup failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/auto_backup.py" line="78"/>
        <source>正在备份，完成后自动关闭…</source>
        <translation>Backing up; the app closes when done…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/auto_backup.py" line="92"/>
        <source>关闭时备份</source>
        <translation>Backup on close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/auto_backup.py" line="93"/>
        <source>关闭前的自动备份没有完成：%1
仍然关闭吗？</source>
        <translation>The automatic backup before closing did not finish: %1
Close anyway?</translation>
    </message>
</context>
<context>
    <name>BackupReason</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="11"/>
        <source>手动备份</source>
        <translation>Made by hand</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="12"/>
        <source>关闭时自动</source>
        <translation>On close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="13"/>
        <source>每日自动</source>
        <translation>Daily</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="14"/>
        <source>导入前</source>
        <translation>Before an import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="15"/>
        <source>合并患者前</source>
        <translation>Before a merge</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="16"/>
        <source>撤销导入前</source>
        <translation>Before undoing an import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="17"/>
        <source>恢复前</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="18"/>
        <source>删除患者前</source>
        <translation>Before erasing a patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/texts.py" line="19"/>
        <source>软件升级前</source>
        <translation>Before an upgrade</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/backup_model.py" line="37"/>
        <source>备份时间</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/backup_model.py" line="42"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/backup_model.py" line="43"/>
        <source>患者数</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/backup_model.py" line="45"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/backup_model.py" line="56"/>
        <source>无法读取</source>
        <translation>Unreadable</translation>
    </message>
</context>
<context>
    <name>BirthField</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="65"/>
        <source>如 1990-05-03、19900503；只知年月或年份：1985-03、1985</source>
        <translation>e.g. 1990-05-03, 19900503; month or year only: 1985-03, 1985</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="93"/>
        <source>%1 岁</source>
        <translation>age %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="97"/>
        <source>%1 · 只知年月：生日未知，不进生日名单</source>
        <translation>%1 · month only: birthday unknown, not on birthday lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="99"/>
        <source>%1 · 只知年份：生日未知，不进生日名单</source>
        <translation>%1 · year only: birthday unknown, not on birthday lists</translation>
    </message>
</context>
<context>
    <name>BulkTagDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="41"/>
        <source>批量打标签</source>
        <translation>Bulk tagging</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="42"/>
        <source>已选择 %n 位患者</source>
        <translation>
            <numerusform>%n patient selected</numerusform>
            <numerusform>%n patients selected</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="43"/>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="44"/>
        <source>移除标签</source>
        <translation>Remove tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="84"/>
        <source>还没有标签，请先在“标签管理”中新建。</source>
        <translation>There are no tags yet; create one in the tag manager first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="58"/>
        <source>执行</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="67"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="68"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="105"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="109"/>
        <source>已为 %1 位患者添加“%2”（%3 位原已有）</source>
        <translation>Added “%2” to %1 patients (%3 already had it)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="111"/>
        <source>已从 %1 位患者移除“%2”（%3 位原本没有）</source>
        <translation>Removed “%2” from %1 patients (%3 did not have it)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../clinic_desktop/ui/patients/bulk_tag_dialog.py" line="124"/>
        <source>正在处理 %n 位患者…</source>
        <translation>
            <numerusform>Working on %n patient…</numerusform>
            <numerusform>Working on %n patients…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CallListActions</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="84"/>
        <source>回访名单_%1_%2.xlsx</source>
        <translation>Call list_%1_%2.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="421"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="415"/>
        <source>正在导出 Excel…</source>
        <translation>Exporting to Excel…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="101"/>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="141"/>
        <source>导入回访结果</source>
        <translation>Import call outcomes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="103"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="440"/>
        <source>正在导入回访结果…</source>
        <translation>Importing call outcomes…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="116"/>
        <source>读取 %1 行，记录 %2 条联系结果。</source>
        <translation>Read %1 rows; recorded %2 call outcomes.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="122"/>
        <source>%1 行未填写结果（尚未联系），已跳过。</source>
        <translation>%1 rows had no outcome (not called yet) and were skipped.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="125"/>
        <source>%1 位患者已设为勿扰。</source>
        <translation>%1 patients are now marked Do not contact.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="129"/>
        <source>%1 行未导入：</source>
        <translation>%1 rows were not imported:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="131"/>
        <source>第 %1 行：%2</source>
        <translation>Row %1: %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="134"/>
        <source>……另有 %1 行</source>
        <translation>…and %1 more rows</translation>
    </message>
</context>
<context>
    <name>CallListRulesDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="183"/>
        <source>回访规则</source>
        <translation>Call list rules</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="199"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="200"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="201"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="208"/>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="211"/>
        <source> 天内</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="249"/>
        <source>交叉推荐规则（按顺序匹配，每位患者只用第一条）</source>
        <translation>Cross-sell rules (matched in order; each patient gets the first match only)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="257"/>
        <source>生日、满意度与唤醒</source>
        <translation>Birthday, service recovery and reactivation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="260"/>
        <source>生日关怀：生日在</source>
        <translation>Birthday: birthday within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="261"/>
        <source>满意度回访：问卷打分 ≤ 2 在</source>
        <translation>Service recovery: survey score ≤ 2 within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="265"/>
        <source>门槛</source>
        <translation>spend at least</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="267"/>
        <source>减</source>
        <translation>get</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="269"/>
        <source>元</source>
        <translation>yuan off</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="272"/>
        <source>沉睡唤醒优惠</source>
        <translation>Reactivation offer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="274"/>
        <source>唤醒优惠应为低门槛（门槛为 0 即无门槛）。联系冷却期和营销联系上限在“设置”页。</source>
        <translation>Keep the reactivation offer&apos;s minimum spend low (0 means no minimum). The quiet period after a contact and the marketing contact cap are on the Settings page.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="353"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="356"/>
        <source>读取失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
</context>
<context>
    <name>CallListsPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="82"/>
        <source>生成名单</source>
        <extracomment>contact-log rows were written (a patient&apos;s last contact, maybe their do-not-contact flag, moved)</extracomment>
        <translation>Generate list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="88"/>
        <source>（暂无保存的名单）</source>
        <translation>(no saved lists yet)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="89"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="100"/>
        <source>保存名单</source>
        <translation>Save list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="101"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="102"/>
        <source>导入结果…</source>
        <translation>Import outcomes…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="103"/>
        <source>回访规则…</source>
        <translation>Rules…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="121"/>
        <source>截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="125"/>
        <source>历史名单</source>
        <translation>Past lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="204"/>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="281"/>
        <source>回访名单</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="205"/>
        <source>选择名单类型和日期，点击“生成名单”。</source>
        <translation>Choose a list type and a date, then click “Generate list”.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="208"/>
        <source>%1 · %2 · %3 位</source>
        <translation>%1 · %2 · %3 patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="213"/>
        <source>没有需要联系的患者。右侧列出了被排除的患者及原因。</source>
        <translation>No one to contact. Who was left out, and why, is shown on the right.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="215"/>
        <source>草稿：标记第一个结果或导出时自动保存</source>
        <translation>Draft: saved at the first outcome or export</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="217"/>
        <source>已保存（名单 #%1）</source>
        <translation>Saved (list #%1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="247"/>
        <source>正在计算…（需要按所选日期重新计算指标）</source>
        <translation>Computing… (metrics must be recomputed for the chosen date)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="247"/>
        <source>正在生成名单…</source>
        <translation>Generating the list…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="281"/>
        <source>操作失败：%1</source>
        <translation>The operation failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="316"/>
        <source>设为勿扰</source>
        <translation>Mark as Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="317"/>
        <source>将“%1”设为勿扰？
今后所有回访名单都不会再出现这位患者。</source>
        <translation>Mark “%1” as Do not contact?
This patient will no longer appear on any call list.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="345"/>
        <source>正在保存名单…</source>
        <translation>Saving the list…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="363"/>
        <source>%1 · %2 · %3 位 · 已完成 %4%</source>
        <translation>%1 · %2 · %3 patients · %4% done</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="385"/>
        <source>正在打开名单…</source>
        <translation>Opening the list…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/page.py" line="399"/>
        <source>排除明细只在生成名单时显示；重新生成可再次查看。</source>
        <translation>Exclusion details are shown only when a list is generated; generate it again to see them.</translation>
    </message>
</context>
<context>
    <name>CallRowsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="66"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="67"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="68"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="69"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="70"/>
        <source>ERS</source>
        <translation>ERS</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="71"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="72"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="74"/>
        <source>建议话术/优惠</source>
        <translation>Script / offer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="76"/>
        <source>上次联系</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="77"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="60"/>
        <source>未分层</source>
        <extracomment>the outcome keys a receptionist marks from the keyboard, in key order (1–5) a light row tint and a strong text colour per outcome: done rows read at a glance, by colour alone how a phone is shown (the screen passes one that masks it while staff acts, if the owner asked) the row&apos;s ``row_key`` (outcomes are keyed by it)</extracomment>
        <translation>No tier</translation>
    </message>
</context>
<context>
    <name>CampaignDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="60"/>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="97"/>
        <source>编辑活动方案</source>
        <translation>Edit campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="60"/>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="97"/>
        <source>新建活动方案</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="63"/>
        <source>如：种植季 11 月</source>
        <translation>e.g. Implant season, November</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="67"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="71"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="73"/>
        <source>限定上次到诊</source>
        <translation>Limit to</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="98"/>
        <source>（自动）</source>
        <translation> (auto)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="130"/>
        <source>对象（不勾选即不限）</source>
        <translation>Target patients (nothing ticked means everyone)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="137"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="138"/>
        <source>ERS 分层</source>
        <translation>ERS tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="139"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="141"/>
        <source>标签（含任一）</source>
        <translation>Tags (any of)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="141"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="148"/>
        <source>元（累计消费）</source>
        <translation>yuan (total spend)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="151"/>
        <source>消费金额</source>
        <translation>Spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="156"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="158"/>
        <source>优惠（按患者平均客单价自动匹配门槛合适的一项）</source>
        <translation>Offers (each patient gets the one whose minimum spend suits their average spend per visit)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="160"/>
        <source>优惠内容</source>
        <translation>Offer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="160"/>
        <source>门槛（元，0 为无门槛）</source>
        <translation>Minimum spend (yuan, 0 = none)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="160"/>
        <source>减免（元）</source>
        <translation>Discount (yuan)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="164"/>
        <source>如：种植季满 3000 减 300</source>
        <translation>e.g. Implant season: spend 3,000, get 300 off</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="164"/>
        <source>（可选）</source>
        <translation>(optional)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="177"/>
        <source>删除此活动</source>
        <translation>Delete this campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="185"/>
        <source>活动名称</source>
        <translation>Campaign name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="203"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="209"/>
        <source>请填写活动名称</source>
        <translation>Please enter a campaign name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="211"/>
        <source>最低消费</source>
        <translation>Minimum spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="212"/>
        <source>最高消费</source>
        <translation>Maximum spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="215"/>
        <source>最低消费不能高于最高消费</source>
        <translation>The minimum spend cannot be higher than the maximum spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="219"/>
        <source>上次到诊的起始日期不能晚于结束日期</source>
        <translation>The last-visit start date cannot be later than the end date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="226"/>
        <source>门槛</source>
        <translation>Minimum spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="227"/>
        <source>减免</source>
        <translation>Discount</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="281"/>
        <source>删除活动</source>
        <translation>Delete campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="281"/>
        <source>删除活动方案“%1”？</source>
        <translation>Delete campaign “%1”?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="285"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/campaign_dialog.py" line="288"/>
        <source>读取失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
</context>
<context>
    <name>CatalogueCombo</name>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/form_fields.py" line="65"/>
        <source>不填</source>
        <extracomment>the text a catalogue entry is found by: its name, full pinyin and initials</extracomment>
        <translation>Optional</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/form_fields.py" line="65"/>
        <source>输入名称或拼音首字母</source>
        <translation>Type a name or pinyin initials</translation>
    </message>
</context>
<context>
    <name>ChannelsTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="94"/>
        <source>渠道</source>
        <extracomment>column → which patients a click lists</extracomment>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="95"/>
        <source>患者数</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="96"/>
        <source>购买人数</source>
        <translation>Buyers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="97"/>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="158"/>
        <source>购买率</source>
        <translation>Buy rate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="98"/>
        <source>复购人数</source>
        <translation>Repeat buyers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="99"/>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="158"/>
        <source>复购率</source>
        <translation>Repeat rate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="100"/>
        <source>客单价</source>
        <translation>Avg. spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="101"/>
        <source>收入</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="102"/>
        <source>人均收入</source>
        <translation>Revenue per patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="105"/>
        <source>渠道质量</source>
        <translation>Channel quality</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="111"/>
        <source>购买率、复购率与人均收入</source>
        <translation>Buy rate, repeat rate and revenue per patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="119"/>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="142"/>
        <source>★ 最佳渠道：%1（人均收入 %2，购买率 %3）&#x3000;▼ 最差渠道：%4（人均收入 %5，购买率 %6）</source>
        <translation>★ Best channel: %1 (revenue per patient %2, buy rate %3)&#x3000;▼ Worst channel: %4 (revenue per patient %5, buy rate %6)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="151"/>
        <source>还没有患者付费（各渠道收入都是 ¥0），暂不评最佳与最差。</source>
        <translation>Nobody has paid yet (every channel&apos;s revenue is ¥0): no best or worst channel.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="153"/>
        <source>各渠道的人均收入相同，暂不评最佳与最差。</source>
        <translation>Every channel brings the same revenue per patient: no best or worst channel.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="155"/>
        <source>渠道太少或人数太少，暂不评最佳与最差。</source>
        <translation>Too few channels or patients to name a best and a worst channel.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="157"/>
        <source>购买率与复购率</source>
        <translation>Buy rate and repeat rate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="157"/>
        <source>人均收入（收入 ÷ 患者数）</source>
        <translation>Revenue per patient (revenue ÷ patients)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="164"/>
        <source>渠道质量 · 截至 %1</source>
        <translation>Channel quality · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="170"/>
        <source>全部患者</source>
        <translation>All patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="171"/>
        <source>购买用户</source>
        <translation>Buyers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="172"/>
        <source>复购用户</source>
        <translation>Repeat buyers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/channels.py" line="175"/>
        <source>渠道 %1 · %2</source>
        <translation>Channel %1 · %2</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="118"/>
        <source>导出图片…</source>
        <translation>Export image…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="119"/>
        <source>点击柱形或数据点，查看对应的患者</source>
        <translation>Click a bar or a data point to see its patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="125"/>
        <source>导出图片</source>
        <extracomment>the exported picture&apos;s heading (what and as of when); the panel title when empty</extracomment>
        <translation>Export image</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="125"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="131"/>
        <source>截至 %1</source>
        <translation>as of %1</translation>
    </message>
</context>
<context>
    <name>ContactFlagsButton</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="42"/>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="103"/>
        <source>营销同意/勿扰</source>
        <extracomment>action → (marketing_consent, do_not_contact) as the service takes them (None: leave alone) the patients whose flags were set (whether or not each one changed)</extracomment>
        <translation>Consent / Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="43"/>
        <source>为列表中选中的患者批量记录营销同意或勿扰（Ctrl+A 选中筛选出的全部）</source>
        <translation>Record marketing consent or do-not-contact for the selected patients (Ctrl+A selects everyone the filter shows)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="47"/>
        <source>记录营销同意…</source>
        <translation>Record marketing consent…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="48"/>
        <source>撤销营销同意…</source>
        <translation>Withdraw marketing consent…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="49"/>
        <source>标记为勿扰…</source>
        <translation>Mark do not contact…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="50"/>
        <source>取消勿扰…</source>
        <translation>Clear do not contact…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="58"/>
        <source>为选中的 %1 位患者记录营销同意？

请确认他们确实同意接收营销信息。同意日期记为今天；已经同意的患者保留原来的日期。此操作会记入操作日志。</source>
        <translation>Record marketing consent for the %1 selected patients?

Make sure they really agreed to receive marketing. The consent is dated today; patients who had already consented keep their date. This is written to the audit log.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="62"/>
        <source>撤销选中的 %1 位患者的营销同意？

营销类名单（沉睡唤醒、活动、交叉推荐、转介绍邀请）将不再包含他们。此操作会记入操作日志。</source>
        <translation>Withdraw marketing consent for the %1 selected patients?

Marketing lists (win-back, campaigns, cross-sell, referral invitations) will no longer include them. This is written to the audit log.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="66"/>
        <source>将选中的 %1 位患者标记为勿扰？

他们不会出现在任何回访名单上。此操作会记入操作日志。</source>
        <translation>Mark the %1 selected patients as do not contact?

They will not appear on any call list. This is written to the audit log.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="68"/>
        <source>取消选中的 %1 位患者的勿扰标记？

此操作会记入操作日志。</source>
        <translation>Clear do-not-contact for the %1 selected patients?

This is written to the audit log.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="76"/>
        <source>已为 %1 位患者记录营销同意（其余 %2 位原本已同意）。</source>
        <translation>Marketing consent recorded for %1 patients (the other %2 had already consented).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="77"/>
        <source>已撤销 %1 位患者的营销同意（其余 %2 位原本就未同意）。</source>
        <translation>Marketing consent withdrawn for %1 patients (the other %2 had not consented).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="78"/>
        <source>已将 %1 位患者标记为勿扰（其余 %2 位原本已是勿扰）。</source>
        <translation>%1 patients marked do not contact (the other %2 already were).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="79"/>
        <source>已取消 %1 位患者的勿扰（其余 %2 位原本就不是勿扰）。</source>
        <translation>Do-not-contact cleared for %1 patients (the other %2 were not marked).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="106"/>
        <source>请先在列表中选中患者（可先筛选，再按 Ctrl+A 全选）。</source>
        <translation>Select patients in the list first (filter it, then Ctrl+A selects them all).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/contact_flags.py" line="127"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>ContactForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="289"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="286"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="284"/>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="285"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="288"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="287"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="296"/>
        <source>提示：保存后该患者将被标记为勿扰，不再出现在任何回访名单中。</source>
        <translation>Note: once saved, this patient is marked Do not contact and will no longer appear on any call list.</translation>
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="137"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="139"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="144"/>
        <source>目的</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="149"/>
        <source>结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="153"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="154"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/crash.py" line="85"/>
        <source>私域助手出错了</source>
        <translation>The app ran into an error</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/crash.py" line="86"/>
        <source>程序遇到了一个意外错误（%1）。已保存的数据不受影响。</source>
        <translation>The app ran into an unexpected error (%1). Data already saved is not affected.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/crash.py" line="88"/>
        <source>详细情况已写入日志文件：%1
如问题重复出现，请把日志文件夹发给技术支持。</source>
        <translation>The details are in the log file: %1
If it happens again, please send the log folder to support.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/crash.py" line="92"/>
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
</context>
<context>
    <name>CrossSellRuleDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="107"/>
        <source>编辑交叉推荐规则</source>
        <translation>Edit cross-sell rule</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="107"/>
        <source>新增交叉推荐规则</source>
        <translation>New cross-sell rule</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="111"/>
        <source>如：正畸→种植咨询</source>
        <translation>e.g. Orthodontics → implant consultation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="115"/>
        <source>这条规则的目标是推荐朋友（看板按转介绍统计转化）</source>
        <translation>The goal of this rule is a referral (the dashboard counts referred friends as converted)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="119"/>
        <source> 个月内</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="123"/>
        <source>电话里建议的话术或项目</source>
        <translation>What to suggest on the call: a script or a treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="127"/>
        <source>规则名称</source>
        <translation>Rule name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="130"/>
        <source>做过这些项目</source>
        <translation>Had these treatments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="131"/>
        <source>或这些类别</source>
        <translation>or these categories</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="137"/>
        <source>触发</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="138"/>
        <source>时间范围</source>
        <translation>Within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="139"/>
        <source>推荐内容</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="140"/>
        <source>已做过则不推荐</source>
        <translation>Skip patients who had</translation>
    </message>
</context>
<context>
    <name>CrossSellRulesModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="61"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="62"/>
        <source>做过的项目 / 类别</source>
        <translation>Treatments / categories had</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="64"/>
        <source>时间范围</source>
        <translation>Within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="66"/>
        <source>推荐内容</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="81"/>
        <source>%1类</source>
        <translation>%1 (category)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="84"/>
        <source>%1 个月内</source>
        <translation>within %1 months</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/rules_dialog.py" line="93"/>
        <source>已做过 %1 的患者不推荐</source>
        <translation>Not suggested to patients who had %1</translation>
    </message>
</context>
<context>
    <name>CurrentCallCard</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="80"/>
        <source>未选中患者</source>
        <extracomment>how a phone is shown (the page masks it while staff acts, if the owner asked)</extracomment>
        <translation>No patient selected</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="81"/>
        <source>在名单中选中一行，按 1–5 记录结果</source>
        <translation>Select a row in the list and press 1–5 to record the outcome</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="85"/>
        <source>（无电话）</source>
        <translation>(no phone)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="89"/>
        <source>上次联系 %1</source>
        <translation>Last contact %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="101"/>
        <source>&lt;b&gt;原因&lt;/b&gt;&#x3000;%1</source>
        <translation>&lt;b&gt;Reason:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="102"/>
        <source>&lt;b&gt;话术&lt;/b&gt;&#x3000;%1</source>
        <translation>&lt;b&gt;Script:&lt;/b&gt; %1</translation>
    </message>
</context>
<context>
    <name>CycleTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="48"/>
        <source>点击把复诊间隔改为 %1 天（记入操作日志，可在设置中改回）</source>
        <extracomment>the table column holding the suggestion (a click adopts it) the two tables&apos; room around a column&apos;s widest text (16 elsewhere): thirteen columns side by side with the chart&apos;s column fit the window at its default size on a 1,366×768 screen, in Chinese and in English</extracomment>
        <translation>Click to set the recall interval to %1 days (audited; change it back in Settings)</translation>
    </message>
</context>
<context>
    <name>CyclesTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="92"/>
        <source>项目</source>
        <extracomment>(Adopt): the owner clicked a suggestion; the page writes it and recomputes</extracomment>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="93"/>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="172"/>
        <source>做过的患者</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="94"/>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="172"/>
        <source>回来复购</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="95"/>
        <source>复购率</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="96"/>
        <source>间隔数</source>
        <translation>Gaps</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="97"/>
        <source>观察周期</source>
        <translation>Observed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="98"/>
        <source>目录间隔</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="99"/>
        <source>建议</source>
        <translation>Suggest</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="102"/>
        <source>复购周期（天；观察周期 = 相邻两次之间天数的中位数）</source>
        <translation>Repurchase cycles (days; observed = median gap between visits)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="105"/>
        <source>有复诊间隔的项目：观察周期与目录间隔</source>
        <translation>Observed cycle vs catalogue recall interval</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="109"/>
        <source>场景</source>
        <translation>Scenario</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="110"/>
        <source>目标</source>
        <translation>Goal</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="111"/>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="196"/>
        <source>做过来源</source>
        <translation>Had source</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="112"/>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="196"/>
        <source>后来转化</source>
        <translation>Then goal</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="113"/>
        <source>转化率</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="117"/>
        <source>交叉推荐场景转化（做过来源项目后，又做了目标）</source>
        <translation>Cross-sell scenarios (had the source, later the goal)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="141"/>
        <source>采用 %1 天</source>
        <translation>Adopt %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="149"/>
        <source>与目录相符</source>
        <translation>Matches catalogue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="149"/>
        <source>建议采用观察周期</source>
        <translation>Adopt observed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="150"/>
        <source>目录复诊间隔</source>
        <translation>Catalogue interval</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="150"/>
        <source>相邻两次之间的天数（中位数）</source>
        <translation>Days between two visits (median)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="158"/>
        <source>推荐朋友</source>
        <translation>Referral</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="158"/>
        <source>（未设目标）</source>
        <translation>(no goal set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="168"/>
        <source>复购周期 · 截至 %1</source>
        <translation>Repurchase cycles · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="169"/>
        <source>交叉推荐场景转化 · 截至 %1</source>
        <translation>Cross-sell scenarios · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="173"/>
        <source>复购周期 · %1 · %2</source>
        <translation>Repurchase cycle · %1 · %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/cycles.py" line="197"/>
        <source>交叉推荐 · %1 · %2</source>
        <translation>Cross-sell · %1 · %2</translation>
    </message>
</context>
<context>
    <name>DashTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/table.py" line="137"/>
        <source>点击查看这些患者</source>
        <extracomment>the selector behind a cell (None: not clickable) (fraction 0..1, colour) for an in-cell bar, or None what a cell of an exported table holds whole-row tint (best / worst channel) per-cell background (the E×S heat map) shown after the first cell (&quot;★&quot;), not exported</extracomment>
        <translation>Click to see these patients</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="101"/>
        <source>生命周期漏斗</source>
        <extracomment>pages the cohort / source filter narrows (the service applies it to these two only) (patient ids: frozenset[int], caption): show exactly these patients in the patient list a page finished loading: (page key, seconds from request to drawn data) the catalogue changed and the metrics were recomputed here (an observed interval adopted) a message that outlives the next load (an adopted interval); cleared when the owner moves on</extracomment>
        <translation>Lifecycle funnel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="102"/>
        <source>渠道质量</source>
        <translation>Channel quality</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="103"/>
        <source>ERS 价值分层</source>
        <translation>ERS tiers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="104"/>
        <source>趋势</source>
        <translation>Trends</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="111"/>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="228"/>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="231"/>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="185"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="126"/>
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="105"/>
        <source>分群</source>
        <translation>Segments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="106"/>
        <source>复购周期</source>
        <translation>Repurchase cycles</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="134"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="145"/>
        <source>只看首次接触在</source>
        <translation>First contact from</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="156"/>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="158"/>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="343"/>
        <source>（筛选作用于漏斗和渠道质量）</source>
        <translation>(filters apply to the funnel and channel quality)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="163"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="163"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="181"/>
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="247"/>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="249"/>
        <source>看板载入失败：%1</source>
        <translation>Could not load the dashboard: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="258"/>
        <source>指标尚未计算</source>
        <translation>Metrics not computed yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="259"/>
        <source>指标尚未计算。载入或导入数据后会自动计算，稍后再来看看。</source>
        <translation>Metrics not computed yet. They are computed automatically after data is loaded or imported; check back shortly.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="272"/>
        <source>指标截至 %1 · 共 %2 位患者</source>
        <translation>Metrics as of %1 · %2 patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="305"/>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="345"/>
        <source>（此页不按首次接触和渠道筛选）</source>
        <translation>(this page is not filtered by first contact or channel)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="379"/>
        <source>正在查找患者…</source>
        <translation>Finding the patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="397"/>
        <source>正在采用观察周期…</source>
        <translation>Adopting the observed cycle…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="410"/>
        <source>已为“%1”设置复诊间隔 %2 天（可在设置 → 项目目录改回）</source>
        <translation>Recall interval of “%1” set to %2 days (change it in Settings → Treatment catalogue)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/page.py" line="416"/>
        <source>已将“%1”的复诊间隔从 %2 天改为 %3 天（可在设置 → 项目目录改回）</source>
        <translation>Recall interval of “%1” changed from %2 to %3 days (change it back in Settings → Treatment catalogue)</translation>
    </message>
</context>
<context>
    <name>DashboardPanels</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="48"/>
        <source>首次接触 %1 至 %2</source>
        <translation>First contact %1 to %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="53"/>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="54"/>
        <source>渠道：%1</source>
        <translation>Channel: %1</translation>
    </message>
</context>
<context>
    <name>DataActions</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="50"/>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="51"/>
        <source>恢复(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="52"/>
        <source>检查数据库(&amp;C)</source>
        <translation>&amp;Check the database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="53"/>
        <source>备份文件夹(&amp;F)…</source>
        <translation>Backup &amp;folder…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="54"/>
        <source>打开日志文件夹(&amp;L)</source>
        <translation>Open the &amp;log folder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="79"/>
        <source>数据(&amp;D)</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="94"/>
        <source>正在备份并校验…</source>
        <translation>Backing up and verifying…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="100"/>
        <source>已备份 %1 位患者到 %2（已校验）</source>
        <translation>Backed up %1 patients to %2 (verified)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="105"/>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="110"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="110"/>
        <source>备份失败：%1</source>
        <translation>Backup failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="129"/>
        <source>正在检查数据库…</source>
        <translation>Checking the database…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="134"/>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="167"/>
        <source>检查数据库</source>
        <translation>Check the database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="137"/>
        <source>数据库完好：%1 位患者，完整性与外键检查均通过。</source>
        <translation>The database is healthy: %1 patients; the integrity and foreign-key checks passed.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="145"/>
        <source>数据库有问题：%1
没有找到可用的备份。</source>
        <translation>The database has a problem: %1
No good backup was found.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="150"/>
        <source>数据库有问题：%1

最新的完好备份：%2（%3 位患者）。现在恢复吗？当前文件会先另存。</source>
        <translation>The database has a problem: %1

Newest good backup: %2 (%3 patients). Restore it now? The current file is kept aside first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="167"/>
        <source>检查失败：%1</source>
        <translation>The check failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="176"/>
        <source>选择备份文件夹（最好在另一个磁盘上）</source>
        <translation>Choose the backup folder (best on another drive)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="185"/>
        <source>备份文件夹</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="186"/>
        <source>不能使用这个文件夹：%1</source>
        <translation>This folder cannot be used: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/data_actions.py" line="189"/>
        <source>以后的备份将保存到 %1</source>
        <translation>Backups will now be saved to %1</translation>
    </message>
</context>
<context>
    <name>DatabaseFiles</name>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="31"/>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="33"/>
        <source>这是独立的演示数据库，与诊所的数据库互不影响</source>
        <translation>This is a separate demo database; the clinic&apos;s database is not affected</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="34"/>
        <source>返回诊所数据库</source>
        <translation>Back to the clinic&apos;s database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="69"/>
        <location filename="../../clinic_desktop/ui/database_files.py" line="81"/>
        <source>新建数据库</source>
        <translation>New database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="70"/>
        <source>%1 已存在。要打开它，请用“打开数据库”。</source>
        <translation>%1 already exists. To open it, use “Open database”.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="78"/>
        <source>私域助手数据库 (*.db);;所有文件 (*)</source>
        <translation>Clinic Desktop databases (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/database_files.py" line="84"/>
        <source>打开数据库</source>
        <translation>Open database</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="68"/>
        <source>合并重复患者</source>
        <extracomment>background of a row whose values differ between the patients ids of every patient the merge touched: the kept one first, then the merged (deleted) ones</extracomment>
        <translation>Merge duplicate patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="88"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="91"/>
        <source>不是重复</source>
        <translation>Not duplicates</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="92"/>
        <source>这些患者是不同的人：以后不再提示这一组</source>
        <translation>These are different people: do not suggest this group again</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="97"/>
        <source>黄色底色的行表示各条记录的值不同。合并后，保留患者的空白信息会用其他记录补全；任何一条记录要求勿扰，合并后的患者也勿扰。</source>
        <translation>Rows with a yellow background show where the records differ. After the merge, blanks in the kept patient are filled in from the other records; if any record is Do not contact, so is the merged patient.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="109"/>
        <source>保留：</source>
        <translation>Keep:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="116"/>
        <source>一并合并：</source>
        <translation>Also merge:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="134"/>
        <source>未发现疑似重复的患者</source>
        <translation>No likely duplicate patients found</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="137"/>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="171"/>
        <source>正在查找疑似重复的患者…</source>
        <translation>Looking for likely duplicate patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="148"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="180"/>
        <source>%1（%2 位）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="184"/>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="337"/>
        <source>疑似重复：%1 组</source>
        <translation>Likely duplicates: %1 groups</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="199"/>
        <source>手机号相同</source>
        <translation>Same mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="200"/>
        <source>一位的手机号是另一位的微信号</source>
        <translation>One&apos;s mobile number is the other&apos;s WeChat ID</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="201"/>
        <source>微信号相同</source>
        <translation>Same WeChat ID</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="202"/>
        <source>姓名和出生日期相同</source>
        <translation>Same name and date of birth</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="203"/>
        <source>姓名相同，手机号只差一位</source>
        <translation>Same name; mobile numbers differ by one digit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="204"/>
        <source>姓名相同，手机号后 8 位相同</source>
        <translation>Same name; same last 8 digits of the mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="205"/>
        <source>姓名相同，其中一位没有手机号</source>
        <translation>Same name; one has no mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="207"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="218"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="218"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="222"/>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="223"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="224"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="225"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="226"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="227"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="228"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="229"/>
        <source>首次接触</source>
        <translation>First contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="230"/>
        <source>到店次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="231"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="232"/>
        <source>最近到店</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="233"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="234"/>
        <source>记录条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="256"/>
        <source>疑似重复的原因：%1</source>
        <translation>Why they look like duplicates: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="260"/>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="266"/>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="277"/>
        <source>%1（编号 %2）</source>
        <translation>%1 (ID %2)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="329"/>
        <source>已标记为不是重复，以后不再提示这一组。</source>
        <translation>Marked as not duplicates; this group will not be suggested again.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="349"/>
        <source>确认合并</source>
        <translation>Confirm merge</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="365"/>
        <source>请至少勾选一位要并入的患者。</source>
        <translation>Tick at least one patient to merge in.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="370"/>
        <source>将把 %1 位患者的 %2 条记录合并到 %3 名下，此操作会记入操作日志。

合并后这 %1 位患者的档案将被删除，无法撤销。确定合并吗？</source>
        <translation>%2 records of %1 patients will be moved to %3, and the merge is written to the audit log.

The records of these %1 patients are then deleted; this cannot be undone. Merge them?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="381"/>
        <source>正在合并…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="387"/>
        <source>正在合并患者并更新指标…</source>
        <translation>Merging patients and updating metrics…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/duplicates_dialog.py" line="395"/>
        <source>已合并：%1 位患者的 %2 条记录已并入编号 %3。</source>
        <translation>Merged: %2 records of %1 patients moved to ID %3.</translation>
    </message>
</context>
<context>
    <name>EraseDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="62"/>
        <source>删除患者全部数据</source>
        <translation>Erase all of a patient&apos;s data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="64"/>
        <source>将永久删除 %1 的全部数据：%2。</source>
        <translation>This permanently erases all data of %1: %2.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="66"/>
        <source>由其介绍的 %1 位患者将不再显示介绍人。</source>
        <translation>The %1 patient(s) they referred will no longer show a referrer.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="70"/>
        <source>导入记录 %1 条一并删除，其他记录中出现的姓名或手机号 %2 处将被抹去。</source>
        <translation>%1 import record(s) go too, and their name or phone is struck out in %2 other place(s).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="75"/>
        <source>此操作不可撤销。操作日志只记录删除了多少条，不记录此人的任何信息。</source>
        <translation>This cannot be undone. The audit log records only how many rows went, nothing about the person.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="76"/>
        <source>注意：此前的备份中仍保留该患者，直到这些备份按规则轮换删除。</source>
        <translation>Note: earlier backups still hold this patient until they rotate out.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="80"/>
        <source>请输入“%1”以确认</source>
        <translation>Type “%1” to confirm</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="85"/>
        <source>永久删除</source>
        <translation>Erase for good</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="88"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ErsTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="97"/>
        <source>ERS 分层分布</source>
        <translation>ERS tier distribution</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="99"/>
        <source>帕累托曲线：收入集中在多少患者身上</source>
        <translation>Pareto curve: how few patients bring most of the revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="101"/>
        <source>帕累托曲线</source>
        <translation>Pareto curve</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="105"/>
        <source>E × S 网格（消费 × 满意度）</source>
        <translation>E × S grid (spend × satisfaction)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="112"/>
        <source>传播者</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="113"/>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="114"/>
        <source>已转化</source>
        <translation>Converted</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="115"/>
        <source>带来消费</source>
        <translation>Referred spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="118"/>
        <source>传播者（KOC）</source>
        <translation>Advocates</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="123"/>
        <source>查看全部传播者</source>
        <translation>See all advocates</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="136"/>
        <source>转介绍关系</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="154"/>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="234"/>
        <source>S 未知</source>
        <translation>S n/a</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="156"/>
        <source>消费等级</source>
        <translation>Spend level</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="156"/>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="159"/>
        <source>A 级</source>
        <translation>Tier A</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="159"/>
        <source>B 级</source>
        <translation>Tier B</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="159"/>
        <source>C 级</source>
        <translation>Tier C</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="159"/>
        <source>D 级</source>
        <translation>Tier D</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="159"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="163"/>
        <source>E5（前 20%）</source>
        <translation>E5 (top 20%)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="164"/>
        <source>E0（无消费）</source>
        <translation>E0 (no spend)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="171"/>
        <source>百分比 = 占已分层患者的比例</source>
        <translation>% = share of the tiered patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="175"/>
        <source>平均分布</source>
        <translation>Even spread</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="176"/>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="177"/>
        <source>患者占比（按消费从高到低）</source>
        <translation>Share of patients (highest spend first)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="179"/>
        <source>累计收入占比</source>
        <translation>Cumulative share of revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="181"/>
        <source>前 20% 的患者（E5，%1 位）
贡献了 %2 的收入</source>
        <translation>The top 20% of patients (E5, %1)
bring %2 of the revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="187"/>
        <source>帕累托曲线：前 20% 患者贡献 %1 收入</source>
        <translation>Pareto curve: the top 20% of patients bring %1 of the revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="194"/>
        <source>E × S 网格 · 截至 %1</source>
        <translation>E × S grid · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="195"/>
        <source>传播者（KOC）· 截至 %1</source>
        <translation>Advocates · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="214"/>
        <source>传播者（KOC）· %1 位</source>
        <translation>Advocates · %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="225"/>
        <source>ERS %1</source>
        <translation>ERS %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="228"/>
        <source>消费前 20%（E5）</source>
        <translation>Top 20% by spend (E5)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="250"/>
        <source>%1 介绍且已消费的患者</source>
        <translation>Patients referred by %1 who have purchased</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="258"/>
        <source>转介绍关系：%1</source>
        <translation>Referrals: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="278"/>
        <source>全部传播者（KOC）</source>
        <translation>All advocates</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/ers.py" line="283"/>
        <source>转介绍关系 · %1</source>
        <translation>Referrals · %1</translation>
    </message>
</context>
<context>
    <name>ExcludedModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="202"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="203"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="204"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ExclusionsPanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="72"/>
        <source>勿扰</source>
        <extracomment>a patient the lookup found: (id, name, phone or &quot;&quot;)</extracomment>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="73"/>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="82"/>
        <source>未同意营销</source>
        <translation>No consent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="74"/>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="75"/>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="84"/>
        <source>近期已联系</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="76"/>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="85"/>
        <source>满意度预警</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="77"/>
        <source>无可用电话</source>
        <translation>No phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="81"/>
        <source>要求勿扰</source>
        <extracomment>why, in a few words (the list column) and in a sentence (its tooltip)</extracomment>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="81"/>
        <source>患者要求勿扰：不会出现在任何名单上</source>
        <translation>The patient asked not to be contacted: never on any list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="82"/>
        <source>营销类名单须患者同意接收营销</source>
        <translation>Marketing lists need the patient&apos;s consent to marketing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="83"/>
        <source>有未来预约</source>
        <translation>Booked ahead</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="83"/>
        <source>已有未来预约：无需再推送</source>
        <translation>Already has a future appointment: no need to reach out</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="84"/>
        <source>近期已联系：在冷却期内或已达营销联系上限</source>
        <translation>Contacted recently: within the quiet period, or the marketing contact cap is reached</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="85"/>
        <source>满意度预警：只出现在满意度回访名单</source>
        <translation>At risk (low satisfaction): only on the service recovery list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="86"/>
        <source>无手机号</source>
        <translation>No phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="86"/>
        <source>没有可用的手机号：请补充电话</source>
        <translation>No usable mobile number: please add one</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="97"/>
        <source>点击一条原因，查看被排除的患者</source>
        <translation>Click a reason to see the patients it left out</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="101"/>
        <source>‹ 全部原因</source>
        <translation>‹ All reasons</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="102"/>
        <source>回到各条原因的人数（Esc）</source>
        <translation>Back to the count of each reason (Esc)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="126"/>
        <source>未列入名单的患者</source>
        <extracomment>the six reasons with their counts, or the patients of the one clicked, in the same place</extracomment>
        <translation>Patients left off the list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="131"/>
        <source>姓名、电话或拼音首字母</source>
        <translation>Name, phone or pinyin initials</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="133"/>
        <source>查询</source>
        <translation>Look up</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="142"/>
        <source>为什么不在名单上？</source>
        <translation>Why not on the list?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="165"/>
        <source>生成名单后，这里显示被排除的患者及原因。</source>
        <translation>Once you generate a list, the patients left out, and why, appear here.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="176"/>
        <source>共排除 %1 位</source>
        <translation>%1 patients left out</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="177"/>
        <source>符合名单条件但按联系规则排除的患者；每人只计入第一条原因。</source>
        <translation>Patients who qualify for the list but are left out by the contact rules; each is counted under the first reason only.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="186"/>
        <source>“%1”：%2 位</source>
        <translation>“%1”: %2 patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="215"/>
        <source>请输入姓名、电话或拼音首字母。</source>
        <translation>Enter a name, a phone number or pinyin initials.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="218"/>
        <source>请先生成或打开一份名单。</source>
        <translation>Generate or open a list first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="220"/>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="227"/>
        <source>正在查找患者…</source>
        <translation>Finding the patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="233"/>
        <source>没有找到这位患者。</source>
        <translation>No such patient found.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="242"/>
        <source>找到 %1 位患者，请在上方选择一位。</source>
        <translation>Found %1 patients; choose one above.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="255"/>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="260"/>
        <source>%1：%2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/exclusions.py" line="263"/>
        <source>查询失败：%1</source>
        <translation>Lookup failed: %1</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="39"/>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="66"/>
        <source>导出 Excel 名单</source>
        <translation>Export the list to Excel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="42"/>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="44"/>
        <source>隐藏手机号中间四位（名单要带离前台时勾选）</source>
        <translation>Hide the middle four digits of phone numbers (tick this when the list leaves the front desk)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="45"/>
        <source>打印后在“结果”列填写接通/未接/已预约/拒绝/勿扰，可用“导入结果”导回。</source>
        <translation>After printing, fill in the “结果” (outcome) column with 接通 / 未接 / 已预约 / 拒绝 / 勿扰 (reached / no answer / booked / declined / do not contact), then bring it back with “Import outcomes”.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="51"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="58"/>
        <source>保存到</source>
        <translation>Save to</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/excel_files.py" line="66"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FileStep</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="104"/>
        <source>把 Excel 或 CSV 文件拖到这里</source>
        <extracomment>what the encoding combo offers for a CSV file: (encoding passed to the service, shown text) file name endings the wizard accepts from a drop (anything else is still handed to the service, which explains the refusal; this only decides whether a drag shows the &quot;accept&quot; cursor)</extracomment>
        <translation>Drop an Excel or CSV file here</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="109"/>
        <source>选择文件(&amp;O)…</source>
        <translation>Ch&amp;oose a file…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="115"/>
        <source>支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK/GB18030 编码）。
常见中文表头会自动识别：姓名、手机/电话、性别、生日、来源、消费金额、最近到店……</source>
        <translation>Supports .xlsx, .xls and .csv (UTF-8 or GBK/GB18030).
Common Chinese and English headers are recognised: name, mobile/phone, gender, birthday, source, amount, last visit…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="123"/>
        <source>或</source>
        <translation>or</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="133"/>
        <source>小提示：患者以手机号识别——已在系统中的手机号会更新原档案，不会重复建档。导入前会先预览并逐行校验，确认后才写入；导入后也可以撤销。</source>
        <translation>Tip: patients are identified by mobile number — a number already in the system updates that patient instead of creating a duplicate. You preview and check every row before anything is written, and you can undo the import afterwards.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="146"/>
        <source>正在读取 %1 …</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="151"/>
        <source>无法导入：%1
没有写入任何数据。</source>
        <translation>Cannot import: %1
Nothing was written.</translation>
    </message>
</context>
<context>
    <name>FirstDayGuide</name>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="85"/>
        <source>第一天 · 三步上手</source>
        <translation>First day · three steps</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="90"/>
        <source>诊所名称</source>
        <translation>Clinic name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="93"/>
        <source>例如：阳光口腔</source>
        <translation>e.g. Sunshine Dental</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="94"/>
        <source>诊所名称会出现在每条回访话术和打印的名单标题里</source>
        <translation>The clinic&apos;s name appears in every call script and printed list title</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="96"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="105"/>
        <source>关闭指南（以后可在 帮助 → 入门指南 再次打开）</source>
        <translation>Close the guide (Help → Getting started opens it again)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="113"/>
        <source>导入患者名单…</source>
        <translation>Import patient list…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="116"/>
        <source>返回诊所数据库</source>
        <translation>Back to my clinic</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="119"/>
        <source>先看演示数据</source>
        <translation>Try the demo first</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="121"/>
        <source>演示数据放在单独的演示数据库里，不会写入诊所的数据库；随时一键返回</source>
        <translation>The demo lives in a separate demo database and never touches the clinic&apos;s; one click brings you back</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="124"/>
        <source>查看分层和漏斗</source>
        <translation>See tiers and funnel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="126"/>
        <source>生成今天的回访名单</source>
        <translation>Make today&apos;s call list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="127"/>
        <source>生成后点“导出 Excel…”，打印出来照着打电话</source>
        <translation>Then click “Export Excel…” and print it to call from</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="130"/>
        <source>① 导入患者名单</source>
        <translation>① Import your patient list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="130"/>
        <source>① 正在看演示数据（独立数据库）</source>
        <translation>① Looking at the demo (a separate database)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="131"/>
        <source>② 看看价值分层和漏斗</source>
        <translation>② See your value tiers and funnel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="132"/>
        <source>③ 打印今天的第一份回访名单</source>
        <translation>③ Print today&apos;s first call list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="165"/>
        <source>诊所：%1</source>
        <translation>Clinic: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/first_day.py" line="171"/>
        <source>请填写诊所名称</source>
        <translation>Please enter the clinic&apos;s name</translation>
    </message>
</context>
<context>
    <name>FunnelTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="85"/>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="208"/>
        <source>生命周期漏斗</source>
        <extracomment>bar colours, first stage to last: a light-to-deep blue, the 超级用户 bar in gold (selector, caption): show the patients behind a clicked number</extracomment>
        <translation>Lifecycle funnel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="90"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="91"/>
        <source>当前人数</source>
        <translation>In stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="92"/>
        <source>到达人数</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="93"/>
        <source>上一步转化</source>
        <translation>Step conversion</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="94"/>
        <source>占首阶段</source>
        <translation>Of first stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="97"/>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="207"/>
        <source>各阶段人数与转化</source>
        <translation>Patients and conversion by stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="99"/>
        <source>到达人数 = 处于该阶段或之后阶段的患者；点击人数可查看这些患者。</source>
        <translation>Reached = patients in this stage or a later one; click a number to see those patients.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="125"/>
        <source>端到端转化：陌生用户 → 超级用户</source>
        <translation>End-to-end conversion: Stranger → VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="138"/>
        <source>如果每一步都好一点</source>
        <translation>If every step were a little better</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="155"/>
        <source>转化是连乘的：每一步只流失 10%，四步之后只剩 0.9 × 0.9 × 0.9 × 0.9 = 65.6%。反过来，每一步都提高一点，终点会放大很多。</source>
        <translation>Conversion multiplies: lose only 10% at each step and after four steps just 0.9 × 0.9 × 0.9 × 0.9 = 65.6% are left. The other way round, a small gain at every step grows the end result a lot.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="162"/>
        <source>每一步转化率提高</source>
        <translation>Raise each step&apos;s conversion by</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="165"/>
        <source>个百分点</source>
        <translation>percentage points</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="181"/>
        <source>转化</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="199"/>
        <source>%1 位患者中，%2 位成为超级用户（复购且 ERS 为 A 或手动标为 VIP）。</source>
        <translation>Of %1 patients, %2 became VIPs (repeat buyers in ERS tier A, or marked VIP by hand).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="204"/>
        <source>所选范围内没有患者。</source>
        <translation>No patients in the chosen range.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="214"/>
        <source>截至 %1</source>
        <translation>as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="224"/>
        <source>数据不足，无法推算。</source>
        <translation>Not enough data to project.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="226"/>
        <source>端到端转化：%1 → %2</source>
        <translation>End-to-end conversion: %1 → %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="228"/>
        <source>（是现在的 %1 倍）</source>
        <translation> (%1× now)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="240"/>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="252"/>
        <source>漏斗 · 到达%1</source>
        <translation>Funnel · reached %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/funnel.py" line="250"/>
        <source>漏斗 · 当前为%1</source>
        <translation>Funnel · now %1</translation>
    </message>
</context>
<context>
    <name>GenderBox</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="39"/>
        <source>未填</source>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="39"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="39"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/person_fields.py" line="41"/>
        <source>按 1 或 M：男；2 或 F：女；0：未填</source>
        <translation>1 or M: male; 2 or F: female; 0: not set</translation>
    </message>
</context>
<context>
    <name>ImportLabels</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="29"/>
        <source>不导入此表</source>
        <extracomment>the field key meaning &quot;do not import this column&quot;</extracomment>
        <translation>Do not import this sheet</translation>
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="69"/>
        <source>导入导出</source>
        <extracomment>patients were imported, removed by an undo, or merged (metrics already recomputed)</extracomment>
        <translation>Import / Export</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="75"/>
        <source>导入患者数据(&amp;I)…</source>
        <translation>&amp;Import patient data…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="77"/>
        <source>保存空白导入模板(&amp;T)…</source>
        <translation>Save a blank import &amp;template…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="78"/>
        <source>导出整个诊所工作簿(&amp;E)…</source>
        <translation>&amp;Export clinic workbook…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="79"/>
        <source>撤销上次导入(&amp;U)…</source>
        <translation>&amp;Undo last import…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="80"/>
        <source>查找重复患者(&amp;D)…</source>
        <translation>Find &amp;duplicate patients…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="86"/>
        <source>导入患者数据</source>
        <translation>Import patient data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="88"/>
        <source>从 Excel（.xlsx / .xls）或 CSV 导入患者，以及消费、互动、预约、满意度、联系记录。先对应列、预览并逐行校验，确认后才写入；已有患者按手机号匹配并更新，不会重复建档。</source>
        <translation>Import patients from Excel (.xlsx / .xls) or CSV, with their visits, interactions, appointments, surveys and contact logs. You map the columns, then preview and check every row; nothing is written until you confirm. Existing patients are matched by mobile number and updated, never duplicated.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="95"/>
        <source>导出诊所工作簿</source>
        <translation>Export the clinic workbook</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="97"/>
        <source>把全部数据导出为一个诊所工作簿（患者、消费、互动、预约、满意度、联系记录、项目），格式与导入模板相同：可作备份查看，也可导入到另一台电脑。</source>
        <translation>Export all data as one clinic workbook (patients, visits, interactions, appointments, surveys, contact logs, treatments) in the same format as the import template: keep it as a backup to look at, or import it on another computer.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="103"/>
        <source>合并重复患者</source>
        <translation>Merge duplicate patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="104"/>
        <source>找出手机号相同、或姓名和生日都相同的患者，逐组核对后合并为一份档案（有审计记录）。</source>
        <translation>Find patients with the same mobile number, or the same name and birthday, check each group and merge it into one record (audit-logged).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="135"/>
        <source>把 Excel 或 CSV 文件拖到这里开始导入</source>
        <translation>Drop an Excel or CSV file here to start importing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="166"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="244"/>
        <source>保存空白导入模板</source>
        <translation>Save a blank import template</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="244"/>
        <source>诊所数据导入模板.xlsx</source>
        <translation>Clinic data import template.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="250"/>
        <source>模板已保存：%1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="256"/>
        <source>诊所数据_%1.xlsx</source>
        <translation>Clinic data_%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="257"/>
        <source>导出整个诊所工作簿</source>
        <translation>Export the whole clinic workbook</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="261"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="276"/>
        <source>正在导出诊所工作簿…</source>
        <translation>Exporting the clinic workbook…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="284"/>
        <source>只有店主可以导出整个数据库</source>
        <translation>Only the owner can export the whole database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="290"/>
        <source>已导出到 %1
%2（%3 秒）</source>
        <translation>Exported to %1
%2 (%3 s)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="291"/>
        <source>已导出到 %1</source>
        <translation>Exported to %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="314"/>
        <source>正在导入，请等导入完成后再撤销。</source>
        <translation>An import is running; wait for it to finish before undoing.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="326"/>
        <source>撤销 %1 的导入（%2）？

将删除这次新建的 %3 条记录，并把这次更新的 %4 条恢复为导入前的内容。</source>
        <translation>Undo the import of %1 (%2)?

The %3 records it created will be deleted, and the %4 records it updated will be restored to how they were before the import.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="336"/>
        <source>导入后用这些患者生成的%1也会一并删除。</source>
        <translation>The %1 made from these patients since the import will be deleted too.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="339"/>
        <source>撤销上次导入</source>
        <translation>Undo last import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="355"/>
        <source>正在撤销导入…</source>
        <translation>Undoing the import…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/page.py" line="360"/>
        <source>已撤销上次导入：删除 %1 条记录，恢复 %2 条</source>
        <translation>Last import undone: %1 records deleted, %2 restored</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="59"/>
        <source>导入步骤</source>
        <extracomment>the import finished (the :class:`ImportSummary`): the owner recomputes the metrics now</extracomment>
        <translation>Steps</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="61"/>
        <source>导入患者数据</source>
        <translation>Import patient data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="78"/>
        <source>选择文件</source>
        <translation>Choose file</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="79"/>
        <source>选择要导入的 Excel 或 CSV 文件，或者直接把文件拖进来。</source>
        <translation>Choose the Excel or CSV file to import, or just drag it in.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="83"/>
        <source>对应列</source>
        <translation>Map columns</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="84"/>
        <source>确认每一列导入为什么内容。已按表头自动识别，可以逐列修改；右侧是文件里的示例数据。</source>
        <translation>Confirm what each column is imported as. Columns were recognised from their headers; change any you need to. Sample data from the file is on the right.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="88"/>
        <source>预览与校验</source>
        <translation>Preview &amp; check</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="89"/>
        <source>还没有写入任何数据。请核对数量和问题行，确认后开始导入。</source>
        <translation>Nothing has been written yet. Check the counts and the problem rows, then start the import.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="91"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="91"/>
        <source>正在写入数据库。</source>
        <translation>Writing to the database.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="94"/>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="122"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="95"/>
        <source>导入已完成。有问题的行可以导出为 Excel 报告，修改后再次导入。</source>
        <translation>The import is complete. Rows with problems can be exported as an Excel report, fixed and imported again.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="122"/>
        <source>开始导入(&amp;I)</source>
        <translation>Start &amp;import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="123"/>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="157"/>
        <source>导入失败，没有写入任何数据：%1</source>
        <translation>The import failed and nothing was written: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="169"/>
        <source>选择要导入的文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="171"/>
        <source>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="196"/>
        <source>文件里没有任何工作表。</source>
        <translation>The file has no sheets.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="290"/>
        <source>有字段对应了不止一列，请先修改标为橙色的列。</source>
        <translation>Some fields are mapped to more than one column; fix the columns marked in orange first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="294"/>
        <source>没有要导入的工作表：请在“内容”中选择工作表是什么（例如“患者”）。</source>
        <translation>No sheet to import: choose what a sheet holds under “Contains” (e.g. “Patients”).</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="307"/>
        <source>正在校验…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="341"/>
        <source>正在重新计算生命周期与价值分层…</source>
        <translation>Recomputing lifecycle stages and value tiers…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="343"/>
        <source>指标更新失败：%1</source>
        <translation>Updating the metrics failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="345"/>
        <source>✓ 指标已更新（截至 %1）</source>
        <translation>✓ Metrics updated (as of %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="352"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="367"/>
        <source>%1_问题行.xlsx</source>
        <translation>%1_problem rows.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="368"/>
        <source>导出问题行</source>
        <translation>Save problem rows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="383"/>
        <source>已保存 %1 行：%2（改好后单独导入这个文件）</source>
        <translation>Saved %1 rows: %2 (fix them, then import this file on its own)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard.py" line="385"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
</context>
<context>
    <name>InteractionForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="190"/>
        <source>例如：咨询种植牙价格</source>
        <translation>e.g. asked about implant prices</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="193"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="191"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="192"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>InteractionsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="97"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="99"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="103"/>
        <source>内容</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>IssuesModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="183"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="184"/>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="186"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="191"/>
        <source>问题</source>
        <translation>Issue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="196"/>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="215"/>
        <source>跳过该行</source>
        <translation>Row skipped</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="217"/>
        <source>仅供参考</source>
        <translation>For information</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="218"/>
        <source>导入，该项留空</source>
        <translation>Imported, that cell left empty</translation>
    </message>
</context>
<context>
    <name>IssuesPanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="132"/>
        <source>导出问题行(&amp;R)…</source>
        <translation>Save p&amp;roblem rows…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="135"/>
        <source>保存为 Excel：跳过和带提示的行原样保留，最后一列写明问题；在 Excel 里改好后单独导入这个文件即可</source>
        <translation>Save as Excel: the skipped and noted rows as they were written, with a last column saying what is wrong; fix them in Excel and import that file on its own</translation>
    </message>
</context>
<context>
    <name>KindPicker</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="44"/>
        <source>到期复诊</source>
        <translation>Recall</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="45"/>
        <source>沉睡唤醒</source>
        <translation>Reactivation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="46"/>
        <source>生日关怀</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="47"/>
        <source>转介绍邀请</source>
        <translation>Referral invitation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="48"/>
        <source>满意度回访</source>
        <translation>Service recovery</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="49"/>
        <source>交叉推荐</source>
        <translation>Cross-sell</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="50"/>
        <source>分享裂变</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="51"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="54"/>
        <source>复诊周期已到或即将到期的患者（如洁牙满 6 个月）；关怀提醒，不做推销。</source>
        <translation>Patients whose recall is due or nearly due (e.g. 6 months after a cleaning); a caring reminder, no selling.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="55"/>
        <source>超过沉睡期未再消费的付费患者；附低门槛回店优惠。需患者同意接收营销。</source>
        <translation>Paying patients who have not bought anything for longer than the lapsed period; with a low-threshold offer to come back. Needs the patient&apos;s marketing consent.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="56"/>
        <source>近期过生日的患者（阳历或农历）；只送祝福，不推销。</source>
        <translation>Patients with a birthday coming up (solar or lunar calendar); greetings only, no selling.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="58"/>
        <source>传播者，或 A 类且满意度 ≥ 4 的患者（懂行·重品质者排在前面）；邀请参加转介绍计划，不发折扣。需同意营销。</source>
        <translation>Advocates, or tier A patients with satisfaction ≥ 4 (the quality-minded experts first); invite them to the referral programme, no discounts. Needs marketing consent.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="62"/>
        <source>懂行·价格敏感、不太懂·价格敏感两个分群中消费过的患者；邀请分享给朋友，奖励一项服务而不是折扣。需同意营销。</source>
        <translation>Patients with a purchase in the two price-sensitive segments (expert or novice); invite them to share the clinic with friends, rewarded with a service, not a discount. Needs marketing consent.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="68"/>
        <source>按保存的活动方案筛选（标签含规则标签、分群、阶段、分层、渠道、消费、上次到诊），附带门槛合适的优惠。需同意营销。</source>
        <translation>Patients picked by a saved campaign (tags incl. rule tags, segment, stage, tier, channel, spend, last visit), with an offer whose minimum spend suits them. Needs marketing consent.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="65"/>
        <source>满意度 ≤ 2，或近期问卷打分 ≤ 2 的患者；请资深员工致电，不做任何推广。</source>
        <translation>Patients with satisfaction ≤ 2, or a recent survey score ≤ 2; have a senior staff member call, with no promotion at all.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="66"/>
        <source>按交叉推荐规则匹配的患者（如正畸患者 → 种植咨询）。需同意营销。</source>
        <translation>Patients matched by the cross-sell rules (e.g. orthodontic patients → implant consultation). Needs marketing consent.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="92"/>
        <source>（还没有活动方案，请新建）</source>
        <translation>(no campaigns yet; create one)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="93"/>
        <source>新建活动…</source>
        <translation>New campaign…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="94"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="100"/>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="164"/>
        <source>活动方案</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="132"/>
        <source>活动名单</source>
        <translation>Campaign list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="132"/>
        <source>请先选择或新建一个活动方案。</source>
        <translation>Choose or create a campaign first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/toolbar.py" line="164"/>
        <source>读取失败：%1</source>
        <translation>Could not load: %1</translation>
    </message>
</context>
<context>
    <name>LastImportCard</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="75"/>
        <source>上次导入</source>
        <translation>Last import</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="80"/>
        <source>撤销会删除上次导入新建的记录，并把被更新的患者恢复原样。</source>
        <translation>Undo deletes the records the last import created and restores the patients it updated.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="96"/>
        <source>还没有导入过数据。</source>
        <translation>Nothing has been imported yet.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="105"/>
        <source>%1 · 新建 %2 条，更新 %3 条</source>
        <translation>%1 · %2 created, %3 updated</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="113"/>
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="116"/>
        <source>不能撤销</source>
        <translation>Cannot be undone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/cards.py" line="118"/>
        <source>撤销时，导入后生成的%1会一并删除。</source>
        <translation>Undoing also deletes the %1 made since the import.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="43"/>
        <source>店主密码</source>
        <translation>Owner password</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="46"/>
        <source>店主解锁</source>
        <translation>Owner unlock</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="81"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="84"/>
        <source>为保护患者信息，长时间无操作或手动锁定后会隐藏所有内容。店主输入密码解锁，前台可直接继续。</source>
        <translation>To protect patient information, everything is hidden after a quiet spell or when locked. The owner unlocks with the password; staff can simply continue.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="87"/>
        <source>以前台身份继续</source>
        <translation>Continue as staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="92"/>
        <source>店主登录</source>
        <translation>Owner sign-in</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="93"/>
        <source>输入店主密码，以使用导出、删除、恢复、设置和数据看板等功能。</source>
        <translation>Enter the owner password to export, erase, restore, change settings and see the dashboard.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="94"/>
        <source>返回</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/access/lock_screen.py" line="129"/>
        <source>密码不正确</source>
        <translation>Wrong password</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../clinic_desktop/ui/pages.py" line="47"/>
        <source>回访名单</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/pages.py" line="48"/>
        <location filename="../../clinic_desktop/ui/self_test.py" line="180"/>
        <source>数据看板</source>
        <extracomment>a page of the dashboard must load within this (it takes &lt; 1 s a page at 100,000 patients)</extracomment>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/pages.py" line="49"/>
        <source>导入导出</source>
        <translation>Import / Export</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/pages.py" line="46"/>
        <source>患者</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/pages.py" line="50"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="227"/>
        <source>新建患者…</source>
        <translation>New patient…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="298"/>
        <source>患者 %1 位</source>
        <translation>Patients: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="300"/>
        <source>（已归档 %1）</source>
        <translation> (%1 archived)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="303"/>
        <source>指标截至 %1</source>
        <translation>Metrics as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="303"/>
        <source>指标尚未计算</source>
        <translation>Metrics not computed yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="321"/>
        <source>正在更新指标…</source>
        <translation>Updating metrics…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="358"/>
        <source>操作失败：%1</source>
        <translation>The operation failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="358"/>
        <source>私域助手</source>
        <translation>Clinic Desktop</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="460"/>
        <source>正在生成演示数据…</source>
        <translation>Generating demo data…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/main_window.py" line="466"/>
        <source>演示数据已载入</source>
        <translation>Demo data loaded</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="66"/>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="67"/>
        <source>文件中的表头</source>
        <translation>Header in file</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="68"/>
        <source>导入为</source>
        <translation>Import as</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="69"/>
        <source>示例数据</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="104"/>
        <source>（不导入）</source>
        <translation>(do not import)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="67"/>
        <source>（无表头）</source>
        <translation>(no header)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/models.py" line="127"/>
        <source>多个列对应了同一字段，请只保留一个</source>
        <translation>Several columns are mapped to this field; keep only one</translation>
    </message>
</context>
<context>
    <name>MappingStep</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="201"/>
        <source>文件编码</source>
        <extracomment>the user picked another sheet of the file (sheet name, kind or None) — the user said what a sheet holds the user edited the mapping of the shown sheet CSV only: read the file again with this encoding (None = detect)</extracomment>
        <translation>Encoding</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="204"/>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="304"/>
        <source>自动识别</source>
        <translation>Auto-detect</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="204"/>
        <source>GB18030（含 GBK）</source>
        <translation>GB18030 (includes GBK)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="211"/>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="212"/>
        <source>内容</source>
        <translation>Contains</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="244"/>
        <source>没有认出这个工作表是什么内容。要导入它，请先在上方“内容”中选择（例如“患者”），再在下表中逐列指定。</source>
        <translation>What this sheet holds was not recognised. To import it, first choose under “Contains” above (e.g. “Patients”), then set each column in the table below.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="255"/>
        <source>灰色的“（不导入）”列会被忽略。不确定的列可以先不导入，以后再补。</source>
        <translation>Grey “(do not import)” columns are ignored. If you are unsure about a column, leave it out now and add it later.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="288"/>
        <source>%1（%2，%3 行）</source>
        <translation>%1 (%2, %3 rows)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="302"/>
        <source>（识别为 %1）</source>
        <translation> (%1 detected)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="325"/>
        <source>表头在第 %1 行 · %2 行数据</source>
        <translation>Headers in row %1 · %2 data rows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="332"/>
        <source>缺少必需的列：%1。请在上表中指定，否则这个工作表不会导入。</source>
        <translation>Required columns missing: %1. Set them in the table above, or this sheet will not be imported.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/steps.py" line="354"/>
        <source>这些字段对应了不止一列，请只保留一列：%1</source>
        <translation>These fields are mapped to more than one column; keep only one: %1</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="42"/>
        <source>打开数据库(&amp;O)…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="44"/>
        <source>新建数据库(&amp;N)…</source>
        <translation>&amp;New database…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="45"/>
        <source>打开演示数据（独立的演示数据库）(&amp;D)</source>
        <translation>Open the &amp;demo (a separate demo database)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="47"/>
        <source>演示数据放在单独的数据库文件里，从不写入诊所的数据库</source>
        <translation>The demo lives in a database file of its own and never writes to the clinic&apos;s</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="49"/>
        <source>返回诊所数据库(&amp;B)</source>
        <translation>&amp;Back to the clinic&apos;s database</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="50"/>
        <source>打开数据文件夹(&amp;F)</source>
        <translation>Open the data &amp;folder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="52"/>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="55"/>
        <source>入门指南(&amp;G)</source>
        <translation>&amp;Getting started</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="56"/>
        <source>关于私域助手(&amp;A)</source>
        <translation>&amp;About Clinic Desktop</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="60"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/menus.py" line="67"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
</context>
<context>
    <name>NewPatientDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="125"/>
        <source>新建患者</source>
        <extracomment>(the new patient&apos;s id, whether to open their record now) the receptionist chose to open the patient who already has the phone typed</extracomment>
        <translation>New patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="130"/>
        <source>必填</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="132"/>
        <source>11 位手机号，可不填</source>
        <translation>11-digit mobile number (optional)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="135"/>
        <source>农历生日</source>
        <translation>Lunar birthday</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="139"/>
        <source>同意接收营销信息（记为今天）</source>
        <translation>Agrees to marketing (recorded today)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="140"/>
        <source>勿扰：不进任何回访名单</source>
        <translation>Do not contact: on no call list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="146"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="148"/>
        <source>1 男 · 2 女</source>
        <translation>1 M · 2 F</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="151"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="152"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="154"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="155"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="157"/>
        <source>营销同意</source>
        <translation>Marketing consent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="159"/>
        <source>介绍人</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="160"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="175"/>
        <source>保存（Enter）</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="178"/>
        <source>保存并打开档案（Ctrl+Enter）</source>
        <translation>Save and open record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="181"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="245"/>
        <source>打开该患者（Ctrl+O）</source>
        <translation>Open that patient (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="289"/>
        <source>手机号 %1 已属于已归档的患者 %2，不能重复登记。</source>
        <translation>Mobile %1 already belongs to the archived patient %2; they cannot be registered twice.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="291"/>
        <source>手机号 %1 已属于患者 %2，不能重复登记。</source>
        <translation>Mobile %1 already belongs to patient %2; they cannot be registered twice.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="294"/>
        <source>打开 %1 的档案（Ctrl+O）</source>
        <translation>Open %1’s record (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="337"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="354"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
</context>
<context>
    <name>OutcomeBar</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="118"/>
        <source>标记结果：</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="125"/>
        <source>按数字键 %1</source>
        <translation>Press %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="129"/>
        <source>备注（可选，先填写再标记结果）</source>
        <translation>Note (optional, type it first)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/outcome_bar.py" line="148"/>
        <source>已完成 %1 / %2</source>
        <translation>Done %1 / %2</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="109"/>
        <source>导出失败：%1</source>
        <extracomment>the exported file&apos;s name: this stem (the first title: later titles carry numbers) and a suffix, e.g. the &quot;as of&quot; date, set by the page</extracomment>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="50"/>
        <source>当前店主密码</source>
        <extracomment>what a password dialog asks: the current password, a new one (typed twice), or both</extracomment>
        <translation>Current owner password</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="52"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="53"/>
        <source>再输入一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="55"/>
        <source>至少 %1 个字符。请牢记：忘记后只能在命令行重设。</source>
        <translation>At least %1 characters. Keep it safe: a forgotten password can only be reset from the command line.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="66"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="67"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="78"/>
        <source>新密码至少需要 %1 个字符</source>
        <translation>The new password needs at least %1 characters</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="81"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords differ</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="84"/>
        <source>请输入当前店主密码</source>
        <translation>Enter the current owner password</translation>
    </message>
</context>
<context>
    <name>PatientDetailDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="103"/>
        <source>患者档案</source>
        <extracomment>the patient&apos;s data (and, after a recompute, their stored metrics) changed the day every rule is evaluated on and the forms default to (today, unless a test says otherwise)</extracomment>
        <translation>Patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="125"/>
        <source>资料</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="126"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="131"/>
        <source>消费</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="134"/>
        <source>互动</source>
        <translation>Interactions</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="137"/>
        <source>预约</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="140"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="143"/>
        <source>联系记录</source>
        <translation>Contact log</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="145"/>
        <source>转介绍</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="160"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="217"/>
        <source>生命周期</source>
        <translation>Lifecycle</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="220"/>
        <source>ERS 价值</source>
        <translation>ERS value</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="240"/>
        <source>快速添加（Enter 提交）</source>
        <translation>Quick add (Enter to submit)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="272"/>
        <source>已保存，正在重新计算阶段与 ERS…</source>
        <translation>Saved; recalculating stage and ERS…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="282"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="288"/>
        <source>读取患者档案失败：%1</source>
        <translation>Could not load the patient record: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="295"/>
        <source>患者档案 — %1</source>
        <translation>Patient record — %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="353"/>
        <source>（已归档）</source>
        <translation> (archived)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="298"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="152"/>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="297"/>
        <source>归档(&amp;A)…</source>
        <translation>&amp;Archive…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="155"/>
        <source>患者离开、重复或无效的记录：移出列表、名单和统计，记录全部保留</source>
        <translation>A patient who left, a duplicate or a junk record: out of lists, call lists and counts, every record kept</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="199"/>
        <source>懂行 (F7)</source>
        <translation>Expert (F7)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="200"/>
        <source>不太懂 (F8)</source>
        <translation>Novice (F8)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="201"/>
        <source>记录认知：懂行（按 F7）；再按一次取消</source>
        <translation>Record knowledge: expert (F7); press again to clear</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="202"/>
        <source>记录认知：不太懂（按 F8）；再按一次取消</source>
        <translation>Record knowledge: novice (F8); press again to clear</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="224"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="297"/>
        <source>取消归档(&amp;A)…</source>
        <translation>Un-&amp;archive…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="298"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="301"/>
        <source>%1 岁</source>
        <translation>Age %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="302"/>
        <source>无手机号</source>
        <translation>No mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="304"/>
        <source>座机 %1</source>
        <translation>landline %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="306"/>
        <source>来源：%1</source>
        <translation>Source: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="314"/>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="408"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="320"/>
        <source>转介绍 %1 位（已消费 %2 位，累计 %3）</source>
        <translation>Referrals: %1 (%2 purchased, %3 in total)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="323"/>
        <source>累计消费 %1</source>
        <translation>Total spend %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="325"/>
        <source>转介绍 %1 位（已消费 %2 位）</source>
        <translation>Referred %1 (%2 bought)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="354"/>
        <source>（%1 归档）</source>
        <translation> (archived %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="368"/>
        <source>建议：%1（%2），请确认</source>
        <translation>Suggested: %1 (%2) — please confirm</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="391"/>
        <source>勿扰（%1 起）</source>
        <translation>Do not contact (since %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="391"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="393"/>
        <source>可联系</source>
        <translation>OK to contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="395"/>
        <source>营销同意：是</source>
        <translation>Marketing consent: yes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="397"/>
        <source>营销同意：否</source>
        <translation>Marketing consent: no</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="399"/>
        <source>（%1 变更）</source>
        <translation> (changed %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="402"/>
        <source>监护人同意：是</source>
        <translation>Guardian consent: yes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="402"/>
        <source>监护人同意：否</source>
        <translation>Guardian consent: no</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="429"/>
        <source>请稍候：上一项还在保存或计算中</source>
        <translation>Please wait: the previous entry is still being saved or computed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="433"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="446"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="501"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/detail.py" line="501"/>
        <source>取消归档</source>
        <translation>Un-archive</translation>
    </message>
</context>
<context>
    <name>PatientListView</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="79"/>
        <source>搜索：姓名、电话（可输后四位）、拼音首字母</source>
        <extracomment>the search found nobody and the receptionist wants to register them (with what was typed)</extracomment>
        <translation>Search: name, phone (or its last 4 digits), pinyin initials</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="112"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="114"/>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="116"/>
        <source>ERS 分层</source>
        <translation>ERS tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="118"/>
        <source>标记</source>
        <translation>Flags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="121"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="125"/>
        <source>含任一所选标签</source>
        <translation>Has any selected tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="126"/>
        <source>含全部所选标签</source>
        <translation>Has all selected tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="128"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="129"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="131"/>
        <source>认知</source>
        <translation>Knowledge</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="140"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="152"/>
        <source>在册患者</source>
        <translation>Current patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="153"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="154"/>
        <source>全部（含已归档）</source>
        <translation>All (incl. archived)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="158"/>
        <source>已归档的患者不在列表、名单和统计中；在这里找到他们并取消归档</source>
        <translation>Archived patients are in no list, call list or count; find them here to un-archive them</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="161"/>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="176"/>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="298"/>
        <source>来自看板：%1 · 共 %2 位患者</source>
        <translation>From the dashboard: %1 · %2 patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="363"/>
        <source>自动</source>
        <translation>auto</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="368"/>
        <source>（未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="389"/>
        <source>没有找到「%1」。</source>
        <translation>No patient matches “%1”.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="390"/>
        <source>新建患者「%1」（Enter）</source>
        <translation>New patient “%1” (Enter)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="395"/>
        <source>患者列表载入失败：%1</source>
        <translation>Could not load the patient list: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="399"/>
        <source>正在载入…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/list_view.py" line="401"/>
        <source>共 %1 位患者</source>
        <translation>Total: %1</translation>
    </message>
</context>
<context>
    <name>PatientPicker</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_picker.py" line="34"/>
        <source>输入姓名、拼音首字母或手机号，按 ↓ 选择</source>
        <extracomment>the picked patient&apos;s id, or None when the pick was cleared by typing</extracomment>
        <translation>Name, pinyin initials or mobile; ↓ to choose</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_picker.py" line="61"/>
        <source>找不到这位介绍人，请检查输入</source>
        <translation>No patient matches; check what was typed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_picker.py" line="63"/>
        <source>有多位患者符合，请按 ↓ 从列表中选择介绍人</source>
        <translation>Several patients match; press ↓ and choose the referrer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_picker.py" line="103"/>
        <source>无手机号</source>
        <translation>no mobile</translation>
    </message>
</context>
<context>
    <name>PatientPrivacyActions</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="112"/>
        <source>导出个人数据…</source>
        <extracomment>the patient is gone (erased; metrics recomputed): close the record</extracomment>
        <translation>Export personal data…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="113"/>
        <source>删除患者数据…</source>
        <translation>Erase patient…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="141"/>
        <source>导出患者个人数据</source>
        <translation>Export the patient&apos;s personal data</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="143"/>
        <source>Excel 工作簿 (*.xlsx);;JSON (*.json)</source>
        <translation>Excel workbook (*.xlsx);;JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="151"/>
        <source>患者数据_%1.xlsx</source>
        <translation>patient-data_%1.xlsx</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="157"/>
        <source>已导出到 %1（含个人敏感信息，请妥善保管）</source>
        <translation>Exported to %1 (sensitive personal data: keep it safe)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="160"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="191"/>
        <source>正在删除并重新计算指标…</source>
        <translation>Erasing and recomputing the metrics…</translation>
    </message>
</context>
<context>
    <name>PatientTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="60"/>
        <source>姓名</source>
        <extracomment>a formatted row: the patient, the text of each column, the name&apos;s brush, the other cells&apos; brush raw value of a cell (str, int, date or None): numbers and dates compare as such</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="60"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="60"/>
        <source>性别 / 年龄</source>
        <translation>Gender / Age</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="60"/>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="61"/>
        <source>活跃度</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="61"/>
        <source>ERS 分层</source>
        <translation>ERS tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="61"/>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="61"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="62"/>
        <source>上次到诊</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="63"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="63"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="64"/>
        <source>陌生用户</source>
        <translation>Stranger</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="64"/>
        <source>潜在用户</source>
        <translation>Potential</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="65"/>
        <source>意向用户</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="65"/>
        <source>下单用户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="66"/>
        <source>复购用户</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="66"/>
        <source>超级用户</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="67"/>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="67"/>
        <source>待复诊</source>
        <translation>Recall due</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="68"/>
        <source>流失预警</source>
        <translation>Lapsing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="68"/>
        <source>沉睡</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="69"/>
        <source>未消费</source>
        <translation>No purchase</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="70"/>
        <source>传播者</source>
        <translation>Advocate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="70"/>
        <source>预警</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="71"/>
        <source>暂无反馈</source>
        <translation>No feedback yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="72"/>
        <source>男</source>
        <translation>M</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="72"/>
        <source>女</source>
        <translation>F</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="73"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="75"/>
        <source>懂行·价格敏感</source>
        <translation>Expert · price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="76"/>
        <source>懂行·重品质</source>
        <translation>Expert · quality</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="78"/>
        <source>不太懂·随大流</source>
        <translation>Novice · follower</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="79"/>
        <source>不太懂·价格敏感</source>
        <translation>Novice · price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="79"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="81"/>
        <source>懂行</source>
        <translation>Expert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="82"/>
        <source>不太懂</source>
        <translation>Novice</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="83"/>
        <source>未记录</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="228"/>
        <source>已归档</source>
        <translation>Archived</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="234"/>
        <source>（按规则自动计算）</source>
        <translation> (derived by a rule)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/patient_table.py" line="238"/>
        <source>认知：%1</source>
        <translation>Knowledge: %1</translation>
    </message>
</context>
<context>
    <name>PatientTagsPanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="79"/>
        <source>输入标签名称，已有标签会自动提示</source>
        <extracomment>(tag name, category for a new tag) tag ids to detach</extracomment>
        <translation>Type a tag name; existing tags are suggested</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="93"/>
        <source>添加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="96"/>
        <source>移除所选标签</source>
        <translation>Remove selected tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="105"/>
        <source>标签</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="107"/>
        <source>新标签类别</source>
        <translation>Category if new</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="149"/>
        <source>按规则自动计算，不能手动移除</source>
        <translation>Derived by a rule; cannot be removed by hand</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="161"/>
        <source>将新建标签</source>
        <translation>A new tag will be created</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="164"/>
        <source>已有标签，类别：%1</source>
        <translation>Existing tag, category: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="183"/>
        <source>请输入标签名称</source>
        <translation>Please enter a tag name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tags_panel.py" line="190"/>
        <source>请先选中要移除的标签</source>
        <translation>Select the tags to remove first</translation>
    </message>
</context>
<context>
    <name>PatientsPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="35"/>
        <source>新建患者…</source>
        <extracomment>asking before recording knowledge for more patients than this at once a patient&apos;s record was changed (metrics may have moved)</extracomment>
        <translation>New patient…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="37"/>
        <source>Ctrl+N；在搜索框中输入姓名或手机号后按 Enter，没有找到时也会新建</source>
        <translation>Ctrl+N; or type a name or mobile in the search box and press Enter: if nobody matches, a new patient is started</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="39"/>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="118"/>
        <source>打开患者档案</source>
        <translation>Open patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="40"/>
        <source>批量打标签…</source>
        <translation>Bulk tagging…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="41"/>
        <source>标签管理…</source>
        <translation>Manage tags…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="42"/>
        <source>记为懂行 (F7)</source>
        <translation>Expert (F7)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="43"/>
        <source>记为不太懂 (F8)</source>
        <translation>Novice (F8)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="55"/>
        <source>认知：</source>
        <translation>Knowledge:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="118"/>
        <source>请先在列表中选中一位患者。</source>
        <translation>Select a patient in the list first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="138"/>
        <source>批量打标签</source>
        <translation>Bulk tagging</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="138"/>
        <source>请先在列表中选中要打标签的患者。</source>
        <translation>Select the patients to tag in the list first.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="147"/>
        <source>懂行</source>
        <translation>expert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="147"/>
        <source>不太懂</source>
        <translation>novice</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="149"/>
        <source>请先在列表中选中患者</source>
        <translation>Select patients in the list first</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="152"/>
        <source>把选中的 %1 位患者都记为“%2”？</source>
        <translation>Record all %1 selected patients as “%2”?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="156"/>
        <source>正在记录…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="166"/>
        <source>已将 %1 位患者记为“%2”</source>
        <translation>%1 patients recorded as “%2”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/page.py" line="174"/>
        <source>记录认知</source>
        <translation>Record knowledge</translation>
    </message>
</context>
<context>
    <name>PendingTags</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_entry.py" line="89"/>
        <source>输入标签后按 Enter，可添加多个</source>
        <extracomment>Enter with nothing typed: the receptionist is done with tags</extracomment>
        <translation>Type a tag and press Enter; add as many as needed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_entry.py" line="126"/>
        <source>点击去掉这个标签</source>
        <translation>Click to remove this tag</translation>
    </message>
</context>
<context>
    <name>PreviewStep</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="180"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="178"/>
        <source>照常导入</source>
        <translation>Go in as is</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="179"/>
        <source>带提示导入</source>
        <translation>Go in with notes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="185"/>
        <source>逐行校验：%1 行带提示导入（无法识别的格子留空），%2 行跳过</source>
        <translation>Row by row: %1 rows go in with notes (unreadable cells left empty), %2 rows skipped</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="186"/>
        <source>✓ 没有发现问题，所有行都可以导入。</source>
        <translation>✓ No problems found; every row can be imported.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="190"/>
        <source>导入在一个事务中完成：中途出错不会写入任何数据。已有患者按手机号匹配并更新，不会重复建档；导入后可以在“导入导出”页撤销。</source>
        <translation>The import runs as one transaction: if anything goes wrong midway, nothing is written. Existing patients are matched by mobile number and updated, never duplicated; you can undo the import on the “Import / Export” page.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="208"/>
        <source>共 %1 行数据 = 照常导入 %2 + 带提示导入 %3 + 跳过 %4</source>
        <translation>%1 data rows = %2 as is + %3 with notes + %4 skipped</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="220"/>
        <source>导入后：新建 %1 · 更新已有 %2 · 无变化 %3</source>
        <translation>After the import: %1 new · %2 updated · %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="226"/>
        <source>将新增：%1</source>
        <translation>Will add: %1</translation>
    </message>
</context>
<context>
    <name>PrivacyActions</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="43"/>
        <source>患者资料</source>
        <translation>profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="44"/>
        <source>消费</source>
        <translation>visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="45"/>
        <source>满意度</source>
        <translation>surveys</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="46"/>
        <source>互动</source>
        <translation>interactions</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="47"/>
        <source>预约</source>
        <translation>appointments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="48"/>
        <source>联系记录</source>
        <translation>contacts</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="49"/>
        <source>回访名单行</source>
        <translation>call-list rows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="50"/>
        <source>标签</source>
        <translation>tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/privacy_actions.py" line="51"/>
        <source>指标</source>
        <translation>metrics</translation>
    </message>
</context>
<context>
    <name>PrivacyGroup</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="101"/>
        <source>权限与隐私</source>
        <extracomment>roles were turned on or off, or the staff options changed the owner wants to read the audit log</extracomment>
        <translation>Roles and privacy</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="105"/>
        <source>设置店主密码…</source>
        <translation>Set an owner password…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="106"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="107"/>
        <source>关闭权限…</source>
        <translation>Turn roles off…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="108"/>
        <source>前台看到的手机号隐藏中间四位</source>
        <translation>Mask the middle digits of phones for staff</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="111"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="112"/>
        <source>不锁屏</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="113"/>
        <source>保存选项</source>
        <translation>Save options</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="114"/>
        <source>操作日志…</source>
        <translation>Audit log…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="128"/>
        <source>无操作</source>
        <translation>Lock after</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="130"/>
        <source>后锁屏</source>
        <translation>without input</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="150"/>
        <source>已启用：软件以前台身份启动，店主输入密码解锁。前台不能导出、删除、恢复、修改设置或查看营收。</source>
        <translation>On: the app starts as staff; the owner unlocks with the password. Staff cannot export, erase, restore, change settings or see revenue.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="156"/>
        <source>未启用：所有使用者都是店主。设置店主密码后，前台将不能导出、删除、恢复、修改设置或查看营收。</source>
        <translation>Off: everyone is the owner. Once an owner password is set, staff cannot export, erase, restore, change settings or see revenue.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="177"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="192"/>
        <source>设置店主密码</source>
        <translation>Set the owner password</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="196"/>
        <source>已启用权限；下次启动时为前台身份</source>
        <translation>Roles are on; the app starts as staff from now on</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="200"/>
        <source>修改店主密码</source>
        <translation>Change the owner password</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="203"/>
        <source>店主密码已修改</source>
        <translation>Owner password changed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="206"/>
        <source>关闭权限</source>
        <translation>Turn roles off</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="209"/>
        <source>已关闭权限：所有使用者都是店主</source>
        <translation>Roles are off: everyone is the owner</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/privacy_group.py" line="213"/>
        <source>选项已保存</source>
        <translation>Options saved</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="77"/>
        <source>未填</source>
        <extracomment>the changed profile fields, keyed as ``update_profile`` expects</extracomment>
        <translation>Not set</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="77"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="77"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="80"/>
        <source>YYYY-MM-DD；只知道年月或年份：YYYY-MM、YYYY</source>
        <translation>YYYY-MM-DD; only the month or year known: YYYY-MM, YYYY</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="81"/>
        <source>按农历过生日</source>
        <translation>Lunar birthday</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="83"/>
        <source>11 位手机号，可不填</source>
        <translation>11-digit mobile number (optional)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="85"/>
        <source>座机，如 0571-88886666，可不填</source>
        <translation>Landline, e.g. 0571-88886666 (optional)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="94"/>
        <source>介绍人的手机号</source>
        <translation>Referrer&apos;s mobile number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="101"/>
        <source>不出现在任何回访名单</source>
        <translation>Never put on any call list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="103"/>
        <source>同意接收营销信息</source>
        <translation>Agrees to receive marketing messages</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="105"/>
        <source>监护人已同意（未满 14 岁须有）</source>
        <translation>Guardian consented (needed under 14)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="107"/>
        <source>未满 14 岁的患者，营销类名单只认监护人的同意；请记录由监护人作出的同意。</source>
        <translation>For a patient under 14, marketing lists count only a guardian&apos;s consent: record the consent the guardian gave.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="110"/>
        <source>手动标记 VIP</source>
        <translation>Mark as VIP manually</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="113"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="114"/>
        <source>性别</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="115"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="116"/>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="117"/>
        <source>座机</source>
        <translation>Landline</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="118"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="119"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="120"/>
        <source>区域</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="121"/>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="122"/>
        <source>来源渠道</source>
        <translation>Source channel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="125"/>
        <source>介绍人手机</source>
        <translation>Referrer&apos;s mobile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="129"/>
        <source>首次接触日期</source>
        <translation>First contact date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="131"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="135"/>
        <source>营销同意</source>
        <translation>Marketing consent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="141"/>
        <source>监护人同意</source>
        <translation>Guardian consent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="145"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="146"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="155"/>
        <source>保存资料</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="157"/>
        <source>Ctrl+S 或在输入框中按 Enter</source>
        <translation>Ctrl+S, or press Enter in a field</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="259"/>
        <source>变更于 %1</source>
        <translation>Changed %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="316"/>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/profile_form.py" line="344"/>
        <source>资料已保存</source>
        <translation>Profile saved</translation>
    </message>
</context>
<context>
    <name>ProgressStep</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="242"/>
        <source>导入期间可以继续使用其他页面；请不要关闭程序。</source>
        <translation>You can keep using the other pages during the import; please do not close the program.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="253"/>
        <source>正在导入 %1 …</source>
        <translation>Importing %1…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="255"/>
        <source>共 %1 行数据，正在再次校验…</source>
        <translation>%1 data rows; checking them again…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="260"/>
        <source>已写入 %1 / %2 条记录</source>
        <translation>Written %1 of %2 records</translation>
    </message>
</context>
<context>
    <name>QuickAddForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="55"/>
        <source>添加</source>
        <extracomment>keyword arguments for the service write</extracomment>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="137"/>
        <source>项目不在项目目录中（或有多个匹配），请从列表中选择</source>
        <translation>This treatment is not in the catalogue (or matches several); pick one from the list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="140"/>
        <source>请选择项目</source>
        <translation>Please choose a treatment</translation>
    </message>
</context>
<context>
    <name>RecordLabels</name>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="19"/>
        <source>陌生用户</source>
        <extracomment>code → Chinese source text (``QT_TRANSLATE_NOOP`` is typed as returning ``object``, hence the type)</extracomment>
        <translation>Stranger</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="20"/>
        <source>潜在用户</source>
        <translation>Potential</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="21"/>
        <source>意向用户</source>
        <translation>Intent</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="22"/>
        <source>下单用户</source>
        <translation>Customer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="23"/>
        <source>复购用户</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="24"/>
        <source>超级用户</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="27"/>
        <source>活跃</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="28"/>
        <source>待复诊</source>
        <translation>Recall due</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="29"/>
        <source>流失预警</source>
        <translation>Lapsing</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="30"/>
        <source>沉睡</source>
        <translation>Lapsed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="31"/>
        <source>未消费</source>
        <translation>No purchase</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="34"/>
        <source>传播者</source>
        <translation>Advocate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="35"/>
        <source>预警</source>
        <translation>At risk</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="36"/>
        <source>暂无反馈</source>
        <translation>No feedback yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="39"/>
        <source>静态</source>
        <translation>Static</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="40"/>
        <source>消费</source>
        <translation>Consumption</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="41"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="42"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="45"/>
        <source>聊天</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="46"/>
        <source>点赞</source>
        <translation>Like</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="47"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="48"/>
        <source>阅读文章</source>
        <translation>Read an article</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="49"/>
        <source>小程序</source>
        <translation>Mini program</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="50"/>
        <source>咨询</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="51"/>
        <source>报价</source>
        <translation>Quote</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="52"/>
        <source>参加活动</source>
        <translation>Joined a campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="55"/>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="80"/>
        <source>已预约</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="56"/>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="57"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="58"/>
        <source>爽约</source>
        <translation>No-show</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="61"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="62"/>
        <source>微信</source>
        <translation>WeChat</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="63"/>
        <source>短信</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="64"/>
        <source>面谈</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="67"/>
        <source>复诊提醒</source>
        <translation>Recall reminder</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="68"/>
        <source>沉睡唤醒</source>
        <translation>Reactivation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="69"/>
        <source>生日关怀</source>
        <translation>Birthday greeting</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="70"/>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="71"/>
        <source>转介绍邀请</source>
        <translation>Referral invitation</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="72"/>
        <source>满意度回访</source>
        <translation>Service recovery</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="73"/>
        <source>问卷</source>
        <translation>Survey</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="74"/>
        <source>交叉推荐</source>
        <translation>Cross-sell</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="75"/>
        <source>分享裂变</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="78"/>
        <source>接通</source>
        <translation>Reached</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="79"/>
        <source>未接</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="81"/>
        <source>拒绝</source>
        <translation>Declined</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="82"/>
        <source>号码错误</source>
        <translation>Wrong number</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="83"/>
        <source>勿扰</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="88"/>
        <source>懂行·价格敏感</source>
        <extracomment>PRODUCT §4.1: the four segments (and unknown), the recorded knowledge, the rule-derived tags</extracomment>
        <translation>Expert · price-sensitive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="89"/>
        <source>懂行·重品质</source>
        <translation>Expert · quality-minded</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="90"/>
        <source>不太懂·随大流</source>
        <translation>Novice · follower</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="91"/>
        <source>不太懂·价格敏感</source>
        <translation>Novice · price-sensitive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="92"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="95"/>
        <source>诱因用户</source>
        <translation>Incentive-driven</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="96"/>
        <source>高净值用户</source>
        <translation>High value</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="99"/>
        <source>懂行</source>
        <translation>Expert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="100"/>
        <source>不太懂</source>
        <translation>Novice</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="101"/>
        <source>未记录</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="104"/>
        <source>价格敏感</source>
        <translation>Price-sensitive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="105"/>
        <source>爽约较多</source>
        <translation>Frequent no-shows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="106"/>
        <source>儿童</source>
        <translation>Minor</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="107"/>
        <source>高客单</source>
        <translation>High ticket</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="108"/>
        <source>沉睡高价值</source>
        <translation>Lapsed high value</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="112"/>
        <source>分享裂变换服务，价格透明</source>
        <extracomment>how the clinic serves each segment (PRODUCT §4.1)</extracomment>
        <translation>Share for a service; transparent prices</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="113"/>
        <source>转介绍邀请、专业内容，不先谈折扣</source>
        <translation>Referral invitations, expert content, never discounts first</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="114"/>
        <source>社会认同：案例、口碑</source>
        <translation>Social proof: cases, reviews</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="115"/>
        <source>分享裂变换服务，简单套餐</source>
        <translation>Share for a service; simple packages</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/labels.py" line="116"/>
        <source>先记录认知</source>
        <translation>Record knowledge first</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="111"/>
        <source>私域助手</source>
        <translation>Clinic Private-Domain Assistant</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="124"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="125"/>
        <source>没有恢复：%1</source>
        <translation>Nothing restored: %1</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="48"/>
        <source>数据库有问题</source>
        <translation>The database has a problem</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="51"/>
        <source>无法正常使用数据库 %1：
%2

数据库文件没有被改动，也不会被一个新的空数据库替换。</source>
        <translation>The database %1 cannot be used:
%2

The file has not been changed, and it will not be replaced by a new empty database.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="62"/>
        <source>最新的完好备份：%1（%2 位患者）。恢复前会另存一份当前文件。</source>
        <translation>Newest good backup: %1 (%2 patients). The current file is kept aside before restoring.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="68"/>
        <source>从最新的完好备份恢复(&amp;R)</source>
        <translation>&amp;Restore the newest good backup</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="73"/>
        <source>没有找到可用的备份。</source>
        <translation>No good backup was found.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="74"/>
        <source>选择备份文件(&amp;F)…</source>
        <translation>Choose a backup &amp;file…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="77"/>
        <source>稍后处理</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="77"/>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="90"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/recovery.py" line="92"/>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation>Database backups (*.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>ReferralTreeView</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="27"/>
        <source>患者</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="27"/>
        <source>已消费</source>
        <translation>Purchased</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="27"/>
        <source>累计消费</source>
        <translation>Total spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="47"/>
        <source>介绍人</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="50"/>
        <source>无（非转介绍来源）</source>
        <translation>None (not a referral)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="57"/>
        <source>TA 介绍的患者：%1 位，已消费 %2 位</source>
        <translation>Patients they referred: %1 (%2 purchased)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="68"/>
        <source>暂无</source>
        <translation>None yet</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="79"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/referral_tree_view.py" line="79"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="49"/>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="133"/>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="152"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="53"/>
        <source>选择要恢复的备份。恢复前会先校验备份，并自动备份当前数据库；操作日志会完整保留。备份文件夹：%1</source>
        <translation>Choose the backup to restore. It is verified first, and the current database is backed up automatically; the audit log is kept in full. Backup folder: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="74"/>
        <source>恢复所选备份(&amp;R)</source>
        <translation>&amp;Restore the selected backup</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="75"/>
        <source>从其他文件恢复(&amp;F)…</source>
        <translation>Restore from another &amp;file…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="91"/>
        <source>还没有备份。可以用“从其他文件恢复…”选择一个备份文件。</source>
        <translation>No backups yet. Use “Restore from another file…” to choose a backup file.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="111"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="113"/>
        <source>数据库备份 (*.db);;所有文件 (*)</source>
        <translation>Database backups (*.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="120"/>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="126"/>
        <source>正在校验备份…</source>
        <translation>Verifying the backup…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="131"/>
        <source>这个备份未通过校验，不能恢复：%1</source>
        <translation>This backup failed verification and cannot be restored: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="139"/>
        <source>这个备份里没有任何患者，而当前数据库有 %1 位患者；恢复后患者将全部清空。确定要恢复吗？</source>
        <translation>This backup holds no patients, while the current database has %1; restoring it removes them all. Restore anyway?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="145"/>
        <source>将用这个备份（%1 位患者）替换当前数据库（%2 位患者）。当前数据库会先自动备份。继续吗？</source>
        <translation>This backup (%1 patients) will replace the current database (%2 patients). The current database is backed up automatically first. Continue?</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/safety/restore_dialog.py" line="162"/>
        <source>出错了：%1</source>
        <translation>Something went wrong: %1</translation>
    </message>
</context>
<context>
    <name>RuleCountsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="161"/>
        <source>排除原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/calllists/models.py" line="162"/>
        <source>人数</source>
        <translation>Patients</translation>
    </message>
</context>
<context>
    <name>RuleTagsGroup</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="37"/>
        <source>规则标签与分群</source>
        <translation>Rule tags and segments</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="38"/>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="42"/>
        <source> 个月</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="51"/>
        <source>如：我们送您一次免费洁牙</source>
        <translation>e.g. we give you a free cleaning</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="52"/>
        <source>分享裂变名单的话术里送出的服务（不是折扣）</source>
        <translation>The service the share list&apos;s script offers (not a discount)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="56"/>
        <source>价格敏感</source>
        <translation>Price-sensitive</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="57"/>
        <source>至少</source>
        <translation>≥</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="57"/>
        <source>消费，用券 ≥</source>
        <translation>visits, coupons ≥</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="61"/>
        <source>爽约较多</source>
        <translation>No-shows</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="61"/>
        <source>近</source>
        <translation>in</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="61"/>
        <source>≥</source>
        <translation>≥</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="64"/>
        <source>未满 %1 岁（法定）</source>
        <translation>under %1 (by law)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="65"/>
        <source>与营销名单的监护人同意规则同一标准（个人信息保护法），不可更改</source>
        <translation>The same age as the guardian-consent rule of the marketing lists (PIPL); it cannot be changed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="66"/>
        <source>儿童</source>
        <translation>Minor</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="67"/>
        <source>高客单</source>
        <translation>High ticket</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="67"/>
        <source>客单价 ≥ 中位数的</source>
        <translation>ticket ≥ median ×</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="69"/>
        <source>沉睡高价值</source>
        <translation>Lapsed VIP</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="69"/>
        <source>累计消费前</source>
        <translation>lifetime spend top</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="71"/>
        <source>建议懂行</source>
        <translation>Suggest expert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="71"/>
        <source>咨询/报价 ≥</source>
        <translation>consults/quotes ≥</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/rule_tags_group.py" line="72"/>
        <source>分享奖励</source>
        <translation>Share reward</translation>
    </message>
</context>
<context>
    <name>SegmentsTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="84"/>
        <source>各分群的人数与收入占比</source>
        <extracomment>the segments in the charts, top to bottom (unknown last: the not-yet-segmented rest)</extracomment>
        <translation>Patients vs revenue share</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="86"/>
        <source>各分群的 ERS 分层</source>
        <translation>ERS tiers per segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="90"/>
        <source>分群</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="91"/>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="104"/>
        <source>患者数</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="92"/>
        <source>患者占比</source>
        <translation>Share</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="93"/>
        <source>有消费</source>
        <translation>Paying</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="94"/>
        <source>收入</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="95"/>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="142"/>
        <source>收入占比</source>
        <translation>Rev. share</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="97"/>
        <source>怎么服务</source>
        <translation>How to serve them</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="100"/>
        <source>分群明细（收入为 ERS 时间窗内消费）</source>
        <translation>Segments (revenue = spend in the ERS window)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="104"/>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="106"/>
        <source>认知与规则标签</source>
        <translation>Knowledge and rule tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="121"/>
        <source>未分层</source>
        <translation>No tier</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="126"/>
        <source>懂行·价格敏感</source>
        <translation>Expert · price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="127"/>
        <source>懂行·重品质</source>
        <translation>Expert · quality</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="128"/>
        <source>不太懂·随大流</source>
        <translation>Novice · follower</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="129"/>
        <source>不太懂·价格敏感</source>
        <translation>Novice · price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="130"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="142"/>
        <source>人数占比</source>
        <translation>Patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="155"/>
        <source>认知：%1</source>
        <translation>Knowledge: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="163"/>
        <source>规则标签：%1</source>
        <translation>Rule tag: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="172"/>
        <source>分群明细 · 截至 %1</source>
        <translation>Segments · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="173"/>
        <source>认知记录与规则标签 · 截至 %1</source>
        <translation>Knowledge and rule tags · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="175"/>
        <source>认知与规则标签（%1 位未记录认知）</source>
        <translation>Knowledge &amp; rule tags (%1 unrecorded)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="183"/>
        <source>合计：%1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="206"/>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="207"/>
        <source>分群 · %1</source>
        <translation>Segment · %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/segments.py" line="210"/>
        <source>ERS %1</source>
        <translation>ERS %1</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="97"/>
        <source> 个月</source>
        <extracomment>each language is named in itself (a Chinese-only reader must still find 简体中文 in an English UI) roles were turned on or off, or the staff options changed (the window re-reads the role)</extracomment>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="97"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="98"/>
        <source>全部（不限时间）</source>
        <translation>All (lifetime)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="117"/>
        <source> 次</source>
        <translation> times</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="142"/>
        <source>还原</source>
        <extracomment>which widget edits which field of :class:`Settings` (the form reads and writes through these)</extracomment>
        <translation>Revert</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="143"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="213"/>
        <source>诊所</source>
        <translation>Clinic</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="215"/>
        <source>诊所名称</source>
        <translation>Clinic name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="216"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="220"/>
        <source>ERS 价值模型</source>
        <translation>ERS value model</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="222"/>
        <source>统计时间窗</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="223"/>
        <source>E 消费</source>
        <translation>E spend</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="223"/>
        <source>R 转介绍</source>
        <translation>R referral</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="224"/>
        <source>权重</source>
        <translation>Weights</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="224"/>
        <source>S 满意度</source>
        <translation>S satisfaction</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="230"/>
        <source>分层阈值</source>
        <translation>Tier thresholds</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="231"/>
        <source>综合分 = E、R、S 各自乘以权重后相加；达到阈值为 A/B/C 类，其余为 D 类。</source>
        <translation>Composite = E, R and S each times its weight, added up; reaching a threshold makes tier A/B/C, anything lower is D.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="238"/>
        <source>活跃度与回访名单</source>
        <translation>Activity and call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="240"/>
        <source>流失预警：未消费满</source>
        <translation>Lapsing: no purchase for</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="241"/>
        <source>沉睡：未消费满</source>
        <translation>Lapsed: no purchase for</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="242"/>
        <source>到期复诊：已逾期不超过</source>
        <translation>Recall: overdue by at most</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="243"/>
        <source>到期复诊：即将到期</source>
        <translation>Recall: due within</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="244"/>
        <source>联系后冷却期</source>
        <translation>Quiet period after a contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="245"/>
        <source>营销联系上限</source>
        <translation>Marketing contact cap</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="245"/>
        <source>每</source>
        <translation>per</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="246"/>
        <source>交叉推荐、生日与唤醒优惠…</source>
        <translation>Cross-sell, birthday and win-back offer…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="248"/>
        <source>回访规则</source>
        <translation>Call-list rules</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="276"/>
        <source>新增…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="277"/>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="278"/>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="425"/>
        <source>停用</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="282"/>
        <source>项目目录（修改即时生效）</source>
        <translation>Treatment catalogue (changes apply at once)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="344"/>
        <source>三项权重合计须为 1（当前合计 %1）</source>
        <translation>The three weights must add up to 1 (now %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="368"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="375"/>
        <source>正在保存设置并重新计算指标…</source>
        <translation>Saving settings and recomputing metrics…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="382"/>
        <source>没有需要保存的修改</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="385"/>
        <source>设置已保存，已按新规则重新计算 %1 位患者的指标</source>
        <translation>Settings saved; metrics of %1 patients recomputed with the new rules</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="387"/>
        <source>设置已保存</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="394"/>
        <source>保存失败：%1</source>
        <translation>Saving failed: %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="425"/>
        <source>启用</source>
        <translation>Activate</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="442"/>
        <source>；已重新计算指标</source>
        <translation>; metrics recomputed</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="444"/>
        <source>正在保存项目…</source>
        <translation>Saving treatment…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="452"/>
        <source>已新增项目“%1”</source>
        <translation>Added treatment “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="471"/>
        <source>已保存项目“%1”</source>
        <translation>Saved treatment “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="477"/>
        <source>已启用“%1”</source>
        <translation>Activated “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/page.py" line="477"/>
        <source>已停用“%1”（历史记录保留）</source>
        <translation>Deactivated “%1” (its history is kept)</translation>
    </message>
</context>
<context>
    <name>ShortcutList</name>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="35"/>
        <source>任何页面</source>
        <extracomment>the key that opens this list (the platform&apos;s Help key) (where, [(keys as QKeySequence text — never translated, what they do)]); the descriptions are marked for lupdate under the &quot;ShortcutList&quot; context and translated when the list is shown</extracomment>
        <translation>Any page</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="37"/>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="61"/>
        <source>新建患者</source>
        <translation>New patient</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="38"/>
        <source>快捷键一览（本列表）</source>
        <translation>Keyboard shortcuts (this list)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="42"/>
        <source>患者列表</source>
        <translation>Patient list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="44"/>
        <source>回到搜索框</source>
        <translation>Back to the search box</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="45"/>
        <source>从搜索框进入列表</source>
        <translation>From the search box into the list</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="48"/>
        <source>打开所选患者；搜索无结果时新建患者（姓名或手机号已填好）</source>
        <translation>Open the selected patient; when the search finds nobody, start a new patient (name or mobile filled in)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="52"/>
        <source>选中列表中的全部患者（再批量打标签、营销同意/勿扰、归档）</source>
        <translation>Select every patient in the list (then tag, consent / do not contact, archive in bulk)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="56"/>
        <source>把选中的患者记为“懂行”</source>
        <translation>Record the selected patients as “expert”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="57"/>
        <source>把选中的患者记为“不太懂”</source>
        <translation>Record the selected patients as “novice”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="63"/>
        <source>保存（在标签框中：添加所输入的标签）</source>
        <translation>Save (in the tag box: add the tag typed)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="64"/>
        <source>保存并打开患者档案</source>
        <translation>Save and open the patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="65"/>
        <source>手机号已有患者时：打开该患者的档案</source>
        <translation>When the mobile belongs to a patient: open their record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="66"/>
        <source>性别框中：男 / 女 / 未填（也可按 M / F）</source>
        <translation>In the gender box: male / female / not set (M / F work too)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="67"/>
        <source>标签框为空时：去掉最后一个待添加的标签</source>
        <translation>In the empty tag box: take back the last tag added</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="68"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="72"/>
        <source>患者档案</source>
        <translation>Patient record</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="76"/>
        <source>切换到第 1…8 个标签页，光标在其第一个输入框</source>
        <translation>Go to tab 1…8, cursor in its first field</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="78"/>
        <source>提交当前的快速添加表单 / 添加标签</source>
        <translation>Submit the quick-add form / add the tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="79"/>
        <source>保存资料</source>
        <translation>Save profile</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="80"/>
        <source>认知：记为懂行 / 不太懂（再按一次清除）</source>
        <translation>Knowledge: record expert / novice (press again to clear)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="81"/>
        <source>移除选中的标签</source>
        <translation>Remove the selected tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="82"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="86"/>
        <source>回访名单</source>
        <translation>Call lists</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="90"/>
        <source>为当前行记录结果：接通 / 未接 / 已预约 / 拒绝 / 勿扰</source>
        <translation>Record the current row’s outcome: reached / no answer / booked / declined / do not contact</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="95"/>
        <source>导入向导</source>
        <translation>Import wizard</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="97"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="98"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="167"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="168"/>
        <source>快捷键(&amp;K)…</source>
        <translation>&amp;Keyboard shortcuts…</translation>
    </message>
</context>
<context>
    <name>ShortcutListDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="135"/>
        <source>快捷键</source>
        <extracomment>arrows as the keycaps show them (Qt&apos;s own Chinese would print 下方向 for Down)</extracomment>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="138"/>
        <source>按键</source>
        <translation>Keys</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/shortcut_list.py" line="138"/>
        <source>作用</source>
        <translation>What it does</translation>
    </message>
</context>
<context>
    <name>SummaryStep</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="272"/>
        <source>跳过</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="270"/>
        <source>照常导入</source>
        <translation>Go in as is</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="271"/>
        <source>带提示导入</source>
        <translation>Go in with notes</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="279"/>
        <source>%1 行带提示导入（无法识别的格子留空），%2 行已跳过</source>
        <translation>%1 rows went in with notes (unreadable cells left empty), %2 rows skipped</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="280"/>
        <source>✓ 所有行都已导入，没有问题。</source>
        <translation>✓ Every row was imported without problems.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="296"/>
        <source>已导入 %1：共 %2 行，用时 %3 秒</source>
        <translation>Imported %1: %2 rows in %3 s</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="307"/>
        <source>新建 %1 · 更新 %2 · 无变化 %3</source>
        <translation>%1 new · %2 updated · %3 unchanged</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/results.py" line="314"/>
        <source>已新增：%1</source>
        <translation>Added: %1</translation>
    </message>
</context>
<context>
    <name>SurveyForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="254"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="243"/>
        <source>总体(1–5)</source>
        <translation>Overall (1–5)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="244"/>
        <source>NPS(0–10)</source>
        <translation>NPS (0–10)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="246"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="247"/>
        <source>效果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="248"/>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="249"/>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="253"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>SurveysModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="123"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="124"/>
        <source>总体</source>
        <translation>Overall</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="125"/>
        <source>NPS</source>
        <translation>NPS</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="126"/>
        <source>服务</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="127"/>
        <source>效果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="128"/>
        <source>环境</source>
        <translation>Environment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="129"/>
        <source>价格</source>
        <translation>Price</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="130"/>
        <source>评论</source>
        <translation>Comment</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="141"/>
        <source>导出表格…</source>
        <translation>Export table…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="147"/>
        <source>导出表格</source>
        <extracomment>a line above the headers in the exported sheet (what and as of when)</extracomment>
        <translation>Export table</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/panels.py" line="147"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>TagCategory</name>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/messages.py" line="49"/>
        <source>静态</source>
        <translation>Static</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/messages.py" line="50"/>
        <source>消费</source>
        <translation>Consumption</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/messages.py" line="51"/>
        <source>行为</source>
        <translation>Behaviour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/widgets/messages.py" line="52"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
</context>
<context>
    <name>TagFormDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="110"/>
        <source>新建标签</source>
        <translation>New tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="113"/>
        <source>例如：怕疼、只约周末</source>
        <translation>e.g. afraid of pain, weekends only</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="122"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="123"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="124"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="143"/>
        <source>选择颜色</source>
        <translation>Choose colour</translation>
    </message>
</context>
<context>
    <name>TagManagerDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="160"/>
        <source>标签管理</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="169"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="170"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="171"/>
        <source>颜色…</source>
        <translation>Colour…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="172"/>
        <source>类别…</source>
        <translation>Category…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="173"/>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="174"/>
        <source>删除…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="181"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="265"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="274"/>
        <source>重命名标签</source>
        <translation>Rename tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="274"/>
        <source>新名称：</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="278"/>
        <source>标签颜色</source>
        <translation>Tag colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="284"/>
        <source>标签类别</source>
        <translation>Tag category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="284"/>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="289"/>
        <source>把“%1”合并到：</source>
        <translation>Merge “%1” into:</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="290"/>
        <source>合并标签</source>
        <translation>Merge tags</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="296"/>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="312"/>
        <source>已新建标签“%1”</source>
        <translation>Created tag “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="322"/>
        <source>已改名为“%1”</source>
        <translation>Renamed to “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="332"/>
        <source>已更改“%1”的颜色</source>
        <translation>Changed the colour of “%1”</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="342"/>
        <source>“%1”已归入%2</source>
        <translation>“%1” is now in %2</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="352"/>
        <source>把“%1”合并到“%2”？
%3 位患者的“%1”将变为“%2”，“%1”随后删除。此操作不可撤销。</source>
        <translation>Merge “%1” into “%2”?
%3 patients with “%1” will get “%2”, then “%1” is deleted. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="355"/>
        <source>已把“%1”合并到“%2”：新增 %3 位，%4 位原已有</source>
        <translation>Merged “%1” into “%2”: %3 patients added, %4 already had it</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="364"/>
        <source>删除标签“%1”？
它将从 %2 位患者身上移除。此操作不可撤销。</source>
        <translation>Delete tag “%1”?
It will be removed from %2 patients. This cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="369"/>
        <source>已删除标签“%1”</source>
        <translation>Deleted tag “%1”</translation>
    </message>
</context>
<context>
    <name>TagTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="70"/>
        <source>标签</source>
        <extracomment>BulkTagDialog lives in :mod:`clinic_desktop.ui.patients.bulk_tag_dialog`; it is re-exported from here</extracomment>
        <translation>Tag</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="71"/>
        <source>（自动）</source>
        <translation> (auto)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="74"/>
        <source>按规则自动计算：不能改名、合并、删除或手动增减，可改颜色</source>
        <translation>Derived by a rule: cannot be renamed, merged, deleted or assigned by hand; its colour can change</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="79"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="80"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/tag_manager.py" line="82"/>
        <source>患者数</source>
        <translation>Patients</translation>
    </message>
</context>
<context>
    <name>TreatmentFormDialog</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="76"/>
        <source>编辑项目</source>
        <translation>Edit treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="76"/>
        <source>新增项目</source>
        <translation>New treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="82"/>
        <source>到期提醒复诊，间隔</source>
        <translation>Recall reminder every</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="85"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="94"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="95"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="96"/>
        <source>复诊</source>
        <translation>Recall</translation>
    </message>
</context>
<context>
    <name>TreatmentTableModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="37"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="39"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="41"/>
        <source>复诊间隔</source>
        <translation>Recall interval</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="42"/>
        <source>到诊次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="43"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="60"/>
        <source>%1 天</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="60"/>
        <source>不提醒</source>
        <translation>No recall</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="63"/>
        <source>在用</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/settings/treatment_catalogue.py" line="63"/>
        <source>已停用</source>
        <translation>Inactive</translation>
    </message>
</context>
<context>
    <name>TrendsTab</name>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="75"/>
        <source>每月新增、首次消费与复购（近 24 个月）</source>
        <translation>New patients, first purchases and repeat purchases per month (last 24 months)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="80"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="81"/>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="96"/>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="127"/>
        <source>新增患者</source>
        <translation>New patients</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="82"/>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="96"/>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="127"/>
        <source>首次消费</source>
        <translation>First purchases</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="83"/>
        <source>复购次数</source>
        <translation>Repeat purchases</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="84"/>
        <source>复购人数</source>
        <translation>Repeat buyers</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="87"/>
        <source>每月明细</source>
        <translation>Monthly details</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="96"/>
        <source>复购（次）</source>
        <translation>Repeat purchases</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="106"/>
        <source>（至%1日）</source>
        <translation>(to day %1)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="124"/>
        <source>每月趋势 · 截至 %1</source>
        <translation>Monthly trends · as of %1</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/dashboard/trends.py" line="127"/>
        <source>复购患者</source>
        <translation>Repeat buyers</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="164"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="160"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="161"/>
        <source>金额（元）</source>
        <translation>Amount (¥)</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="162"/>
        <source>优惠券/活动</source>
        <translation>Coupon / campaign</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/quick_add_forms.py" line="163"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>VisitsModel</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="86"/>
        <source>日期</source>
        <extracomment>the row&apos;s database id, for actions on the selected row</extracomment>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="87"/>
        <source>项目</source>
        <translation>Treatment</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="88"/>
        <source>金额</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="89"/>
        <source>优惠券</source>
        <translation>Coupon</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/patients/record_models.py" line="90"/>
        <source>员工</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>WizardFrame</name>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard_frame.py" line="55"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard_frame.py" line="56"/>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard_frame.py" line="57"/>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../clinic_desktop/ui/importing/wizard_frame.py" line="113"/>
        <source>第 %1 步：%2</source>
        <translation>Step %1: %2</translation>
    </message>
</context>
<context>
    <name>_SourceBox</name>
    <message>
        <location filename="../../clinic_desktop/ui/patients/new_patient.py" line="79"/>
        <source>如 抖音、朋友介绍；可输拼音首字母</source>
        <translation>e.g. 抖音, 朋友介绍; pinyin initials work</translation>
    </message>
</context>
</TS>
