using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    patient = table.Column<string>(type: "TEXT", maxLength: 11, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    what = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_log", x => x.sequence);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_log_patient",
                table: "access_log",
                column: "patient");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "access_log");
        }
    }
}
