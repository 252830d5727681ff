; 私域助手 · clinic-desktop — Windows installer (NSIS 3, Unicode, Simplified Chinese pages).
;
; Per-user: no administrator rights, installs to %LOCALAPPDATA%\Programs\clinic-desktop, Start-menu and
; desktop shortcuts named 私域助手, an entry in "Apps & features". Running it again over an existing
; install upgrades it in place (the old program files are replaced, never merged).
;
; The clinic's data — database, backups, settings, matplotlib's cache — lives in the user data folder
; (platformdirs: %LOCALAPPDATA%\clinic-desktop, see clinic_desktop/paths.py), a different folder. Neither
; the installer nor the uninstaller ever touches it; uninstalling removes only the files listed below.
;
; Build (the version comes from clinic_desktop/__init__.py; .github/workflows/windows.yml does this).
; makensis runs from this folder: pass SOURCE_DIR and OUTFILE as absolute paths.
;   makensis /DVERSION=0.1.0 /DSOURCE_DIR=%CD%\dist\clinic-desktop /DOUTFILE=%CD%\dist\clinic-desktop-0.1.0-setup.exe ^
;            installer\windows\clinic-desktop.nsi
; Silent install / uninstall:  clinic-desktop-0.1.0-setup.exe /S
;                              "%LOCALAPPDATA%\Programs\clinic-desktop\uninstall.exe" /S
;
; Qt 6 needs Windows 10 version 1903 (build 18362) or later: Qt6Core.dll imports icuuc.dll, which
; Windows ships from then on. Older systems (Windows 7, 8, early 10) are refused with a message.

Unicode true
ManifestDPIAware true
!ifndef COMPRESSOR
  !define COMPRESSOR "/SOLID lzma" ; ~60 MB; .ci/run passes /DCOMPRESSOR=zlib: it only proves the script
!endif
SetCompressor ${COMPRESSOR}

!ifndef VERSION
  !error "pass the version: makensis /DVERSION=x.y.z"
!endif
!ifndef SOURCE_DIR
  !error "pass the PyInstaller bundle folder: makensis /DSOURCE_DIR=dist\clinic-desktop"
!endif
!ifndef OUTFILE
  !define OUTFILE "clinic-desktop-${VERSION}-setup.exe"
!endif

!define APP_ID "clinic-desktop"
!define APP_NAME "私域助手"
!define PUBLISHER "clinic_desktop"
!define GUI_EXE "clinic-desktop.exe"
!define CLI_EXE "clinic-desktop-cli.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define MIN_BUILD 18362 ; Windows 10 1903

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${APP_NAME}"
Caption "${APP_NAME} ${VERSION} 安装"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP_NAME} 安装程序"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ICON "../../resources/icons/app.ico"
!define MUI_UNICON "../../resources/icons/app.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "欢迎安装${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "${APP_NAME}帮助诊所留住已有的患者：回访名单、生命周期漏斗、ERS 价值分层。$\r$\n$\r$\n安装只针对当前 Windows 用户，不需要管理员权限。已安装旧版本时会直接升级，诊所的数据（数据库、备份）保存在另外的文件夹，安装和卸载都不会改动它。$\r$\n$\r$\n需要 Windows 10（1903 版）或更新的 64 位系统。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${GUI_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APP_NAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP|MB_OK "${APP_NAME}需要 64 位 Windows 10（1903 版）或更新的系统。" /SD IDOK
    Abort
  ${EndIf}
  ${WinVerGetBuild} $0
  ${If} $0 < ${MIN_BUILD}
    MessageBox MB_ICONSTOP|MB_OK "${APP_NAME}需要 Windows 10（1903 版）或更新的系统，这台电脑的系统版本太旧（内部版本 $0）。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; upgrade in place: the old program files go first, so no file of an older version lingers
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  File /r "${SOURCE_DIR}/*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${GUI_EXE}" "" "$INSTDIR\${GUI_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${GUI_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  SetRegView 64
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; only what the installer put here — never a recursive delete of $INSTDIR, in case someone chose a
  ; folder that holds other files; the clinic's data folder is elsewhere and is not touched
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${GUI_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
