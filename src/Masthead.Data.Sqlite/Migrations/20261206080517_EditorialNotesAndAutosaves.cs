using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Masthead.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EditorialNotesAndAutosaves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Autosaves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: true),
                    BaseVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 600000, nullable: false),
                    SavedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Autosaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Autosaves_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Autosaves_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EditorialThreads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    SentBack = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddressedTo = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastNoteAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastNoteById = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EditorialThreads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EditorialThreads_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EditorialThreads_Staff_LastNoteById",
                        column: x => x.LastNoteById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_EditorialThreads_Staff_ResolvedById",
                        column: x => x.ResolvedById,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "EditorialNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ThreadId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    WrittenAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EditorialNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EditorialNotes_EditorialThreads_ThreadId",
                        column: x => x.ThreadId,
                        principalTable: "EditorialThreads",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EditorialNotes_Staff_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Autosaves_ArticleId",
                table: "Autosaves",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_Autosaves_StaffMemberId_ArticleId",
                table: "Autosaves",
                columns: new[] { "StaffMemberId", "ArticleId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Autosaves_StaffMemberId_NewArticle",
                table: "Autosaves",
                column: "StaffMemberId",
                unique: true,
                filter: "\"ArticleId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_EditorialNotes_AuthorId",
                table: "EditorialNotes",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_EditorialNotes_ThreadId_WrittenAt",
                table: "EditorialNotes",
                columns: new[] { "ThreadId", "WrittenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EditorialThreads_ArticleId_StartedAt",
                table: "EditorialThreads",
                columns: new[] { "ArticleId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EditorialThreads_LastNoteById",
                table: "EditorialThreads",
                column: "LastNoteById");

            migrationBuilder.CreateIndex(
                name: "IX_EditorialThreads_ResolvedAt_AddressedTo_LastNoteAt",
                table: "EditorialThreads",
                columns: new[] { "ResolvedAt", "AddressedTo", "LastNoteAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EditorialThreads_ResolvedById",
                table: "EditorialThreads",
                column: "ResolvedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Autosaves");

            migrationBuilder.DropTable(
                name: "EditorialNotes");

            migrationBuilder.DropTable(
                name: "EditorialThreads");
        }
    }
}
